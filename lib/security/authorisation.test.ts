import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans, type TestEvent, type TestFan } from '@/lib/testing/factories';
import { api, baseUrl, sessionCookie } from '@/lib/testing/http';
import { actionErrorCode, builtActions, callAction, pageUrl } from '@/lib/testing/server-actions';

// Issue 10, finding 10, and DESIGN invariant 9: a fan cannot tell another fan's hold or booking
// from one that does not exist. The matrix: fan A's hold and booking, tried by another fan (B)
// and by an anonymous client, through every API route, page and action that takes their id.

const sql = testSql();
let event: TestEvent;
let a: TestFan;
let b: TestFan;
let cookieA: string;
let cookieB: string;
let holdId: string;
let bookingId: string;

const page = (path: string, cookie?: string) => fetch(`${baseUrl}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
const state = async () =>
  JSON.stringify(
    await sql`select r.status, r.expires_at, (select count(*) from bookings k where k.reservation_id = r.id) as bookings,
                     (select string_agg(status::text, ',' order by id) from bookings k where k.reservation_id = r.id) as booking_states
              from reservations r where r.id = ${holdId}`,
  );

beforeAll(async () => {
  event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 6 });
  [a, b] = (await createFans(sql, 2)) as [TestFan, TestFan];
  [cookieA, cookieB] = await Promise.all([sessionCookie(a), sessionCookie(b)]);
  const hold = await api('/api/reservations', {
    method: 'POST',
    cookie: cookieA,
    json: { eventId: event.eventId, ticketIds: event.ticketIds.slice(0, 2) },
  });
  expect(hold.status).toBe(201);
  holdId = (hold.body as { reservationId: string }).reservationId;
  const booking = await api(`/api/bookings/${holdId}`, { method: 'POST', cookie: cookieA });
  expect(booking.status).toBe(200);
  bookingId = (booking.body as { bookingId: string }).bookingId;
});

afterAll(async () => {
  await sql.end();
});

describe("another fan's hold and booking look exactly like ones that do not exist", () => {
  it.each([
    ['GET /api/reservations/{id}', (id: string, cookie?: string) => api(`/api/reservations/${id}`, { cookie })],
    ['DELETE /api/reservations/{id}', (id: string, cookie?: string) => api(`/api/reservations/${id}`, { method: 'DELETE', cookie })],
    ['POST /api/bookings/{id}', (id: string, cookie?: string) => api(`/api/bookings/${id}`, { method: 'POST', cookie })],
  ])('%s: 404 for another fan, the same 404 as for no such id, 401 for nobody; nothing changes', async (_name, call) => {
    const before = await state();
    const theirs = await call(holdId, cookieB);
    const missing = await call(randomUUID(), cookieB);
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual(missing.body);
    expect((await call(holdId)).status).toBe(401);
    expect(await state()).toBe(before);
  });

  it.each([
    ['the hold page', () => `/reservations/${holdId}`],
    ['the booking page', () => `/bookings/${bookingId}`],
  ])('%s: 404 for another fan, like an id that does not exist; sign-in for nobody', async (_name, path) => {
    const theirs = await page(path(), cookieB);
    const missing = await page(path().replace(/[0-9a-f-]{36}$/, randomUUID()), cookieB);
    expect(theirs.status).toBe(404);
    expect(missing.status).toBe(404);
    const theirsText = await theirs.text();
    expect(theirsText).not.toContain(a.name);
    expect(theirsText).not.toContain(a.email);
    const anonymous = await page(path());
    expect([303, 307, 308]).toContain(anonymous.status);
    expect(anonymous.headers.get('location')).toContain('/sign-in');
    // The owner still sees it.
    expect((await page(path(), cookieA)).status).toBe(200);
  });

  it('every action that takes a hold id refuses another fan as not found, and nobody as unauthorised', async () => {
    const before = await state();
    const byId = builtActions().filter((action) => ['releaseHold', 'payForHold'].includes(action.name));
    expect(byId).toHaveLength(2);
    for (const action of byId) {
      const url = pageUrl(action, holdId);
      const args = [null, { reservationId: holdId, eventId: event.eventId }];
      expect(actionErrorCode(await callAction(action, url, args, cookieB)), action.name).toBe('not_found');
      expect(actionErrorCode(await callAction(action, url, args)), action.name).toBe('unauthorized');
    }
    expect(await state()).toBe(before);
  });

  it('the queue status is the asking fan’s own, and needs a session', async () => {
    expect((await api(`/api/queue/${event.eventId}`)).status).toBe(401);
    const mine = await api(`/api/queue/${event.eventId}`, { cookie: cookieB });
    expect(mine.status).toBe(200);
    expect(JSON.stringify(mine.body)).not.toContain(a.id);
  });
});
