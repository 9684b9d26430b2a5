import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans, type TestEvent, type TestFan } from '@/lib/testing/factories';
import { api, baseUrl, sessionCookie } from '@/lib/testing/http';
import { testNextAuthSecret } from '@/lib/testing/server-env';
import { admissionCookieName, admissionKey, signAdmission } from '@/lib/waiting-room/admission-token';

// The waiting room through the running server: the gate in proxy.ts, the queue status API, the
// route that hands out the admission cookie, and the reserve API's own check.

const sql = testSql();
let event: TestEvent;
let fanA: TestFan;
let fanB: TestFan;
let cookieA: string;
let cookieB: string;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const get = (path: string, cookie?: string) => fetch(`${baseUrl}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
const reserve = (cookie: string, ticketIds: string[]) =>
  api('/api/reservations', { method: 'POST', cookie, json: { eventId: event.eventId, ticketIds } });

beforeAll(async () => {
  event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 10 });
  // One fan a minute: the first fan in is admitted at once, the second waits its turn.
  await sql`update events set queue_mode = 'on', queue_outflow_per_minute = 1 where id = ${event.eventId}`;
  [fanA, fanB] = (await createFans(sql, 2)) as [TestFan, TestFan];
  [cookieA, cookieB] = await Promise.all([sessionCookie(fanA), sessionCookie(fanB)]);
  // Each module instance (the proxy's, each route's) re-reads the queued events on its own timer
  // (QUEUE_REFRESH_MS, 500 ms here): wait until the proxy has seen it, then one more interval.
  for (let i = 0; i < 50 && (await get(`/events/${event.eventId}`, cookieA)).status !== 307; i++) {
    await sleep(200);
  }
  await sleep(1_000);
});

afterAll(async () => {
  await sql.end();
});

describe('waiting room over HTTP', () => {
  it('sends a page request without a token to the queue', async () => {
    const response = await get(`/events/${event.eventId}`, cookieA);
    expect(response.status).toBe(307);
    expect(new URL(response.headers.get('location')!, baseUrl).pathname).toBe(`/queue/${event.eventId}`);
  });

  it('refuses the reserve API and best-available without a token: 403 queue_required', async () => {
    const held = await reserve(cookieA, event.ticketIds.slice(0, 1));
    expect(held).toMatchObject({ status: 403, body: { error: { code: 'queue_required' } } });
    const best = await api(`/api/events/${event.eventId}/best-available`, { method: 'POST', cookie: cookieA, json: { quantity: 1 } });
    expect(best).toMatchObject({ status: 403, body: { error: { code: 'queue_required' } } });
  });

  it('queues fans, admits the head, and the admission books seats for that fan only', async () => {
    const first = await api(`/api/queue/${event.eventId}`, { cookie: cookieA });
    expect(first).toMatchObject({ status: 200, body: { status: { state: 'admitted' } } });
    const second = await api(`/api/queue/${event.eventId}`, { cookie: cookieB });
    expect(second).toMatchObject({ status: 200, body: { status: { state: 'waiting', position: 1, ahead: 0, total: 2 } } });
    // A second tab keeps the place.
    expect((await api(`/api/queue/${event.eventId}`, { cookie: cookieB })).body).toMatchObject({ status: { position: 1, total: 2 } });

    // B is not admitted yet: the enter route sends B back to the queue, without a cookie.
    const bEnters = await get(`/queue/${event.eventId}/enter`, cookieB);
    expect(new URL(bEnters.headers.get('location')!, baseUrl).pathname).toBe(`/queue/${event.eventId}`);
    expect(bEnters.headers.get('set-cookie')).toBeNull();

    const aEnters = await get(`/queue/${event.eventId}/enter`, cookieA);
    expect(aEnters.status).toBe(303);
    expect(new URL(aEnters.headers.get('location')!, baseUrl).pathname).toBe(`/events/${event.eventId}`);
    const setCookie = aEnters.headers.get('set-cookie') ?? '';
    const name = admissionCookieName(event.eventId);
    const token = new RegExp(`${name}=([^;]+)`).exec(setCookie)?.[1];
    expect(token).toBeTruthy();
    expect(setCookie).toMatch(/HttpOnly/i);
    const admission = `${name}=${token}`;

    expect((await get(`/events/${event.eventId}`, `${cookieA}; ${admission}`)).status).toBe(200);
    // Fan A's admission does not work for fan B.
    expect(await reserve(`${cookieB}; ${admission}`, event.ticketIds.slice(0, 1))).toMatchObject({
      status: 403,
      body: { error: { code: 'queue_required' } },
    });
    expect(await reserve(`${cookieA}; ${admission}`, event.ticketIds.slice(0, 2))).toMatchObject({ status: 201 });
  });

  it('refuses forged, expired and other-event tokens', async () => {
    const name = admissionCookieName(event.eventId);
    const key = admissionKey(testNextAuthSecret);
    const other = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 2 });
    const tokens = [
      await signAdmission(admissionKey('not-the-server-secret-at-all'), {
        userId: fanA.id,
        eventId: event.eventId,
        expiresAt: Date.now() + 600_000,
      }),
      await signAdmission(key, { userId: fanA.id, eventId: event.eventId, expiresAt: Date.now() - 1_000 }),
      await signAdmission(key, { userId: fanA.id, eventId: other.eventId, expiresAt: Date.now() + 600_000 }),
    ];
    for (const token of tokens) {
      const cookie = `${cookieA}; ${name}=${token}`;
      expect((await get(`/events/${event.eventId}`, cookie)).status).toBe(307);
      expect(await reserve(cookie, event.ticketIds.slice(5, 6))).toMatchObject({
        status: 403,
        body: { error: { code: 'queue_required' } },
      });
    }
  });

  it('lets anyone through once the queue is switched off', async () => {
    const open = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 2 });
    expect((await get(`/events/${open.eventId}`, cookieA)).status).toBe(200);
    expect((await api(`/api/queue/${open.eventId}`, { cookie: cookieA })).body).toEqual({ status: { state: 'no_queue' } });
  });
});
