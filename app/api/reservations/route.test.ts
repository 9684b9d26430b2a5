import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans, type TestEvent, type TestFan } from '@/lib/testing/factories';
import { api, sessionCookie } from '@/lib/testing/http';
import { holdInvariantViolations } from '@/lib/testing/invariants';
import { mulberry32, race } from '@/lib/testing/race';

const sql = testSql();
afterAll(() => sql.end());

async function snapshot(eventId: string) {
  const tickets = await sql`select id, status, hold_id, hold_expires_at from tickets where event_id = ${eventId} order by id`;
  const reservations = await sql`select id, status from reservations where event_id = ${eventId} order by id`;
  return JSON.stringify({ tickets, reservations });
}

function expectError(result: { status: number; body: unknown }, status: number, code: string) {
  expect(result.status).toBe(status);
  expect(result.body).toMatchObject({ error: { code, message: expect.any(String) } });
}

describe('POST /api/reservations: 500 concurrent requests by 100 fans', () => {
  it('answers 201 or 409 and the database agrees with every answer', async () => {
    const event = await createEvent(sql, { sections: 2, rows: 3, seatsPerRow: 10 });
    const fans = await createFans(sql, 100);
    const cookies = await Promise.all(fans.map(sessionCookie));
    const random = mulberry32(7);
    const attempts = Array.from({ length: 500 }, (_, i) => {
      const size = 1 + Math.floor(random() * 4);
      const start = Math.floor(random() * (event.ticketIds.length - size));
      return { fan: i % fans.length, ticketIds: event.ticketIds.slice(start, start + size) };
    });

    const outcome = await race(
      attempts.map(
        (a) => () =>
          api('/api/reservations', { method: 'POST', cookie: cookies[a.fan], json: { eventId: event.eventId, ticketIds: a.ticketIds } }),
      ),
    );
    console.log(
      `[http] ${attempts.length} concurrent POST /api/reservations: ${outcome.perSecond.toFixed(0)}/s, ` +
        `p50 ${outcome.p50.toFixed(1)} ms, p99 ${outcome.p99.toFixed(1)} ms`,
    );

    const responses = outcome.results.map((r) => {
      if (!r.ok) throw r.error;
      return r.value;
    });
    const statuses = new Set(responses.map((r) => r.status));
    expect([...statuses].every((s) => s === 201 || s === 409 || s === 422)).toBe(true);
    const wins = responses.flatMap((r, i) =>
      r.status === 201 ? [{ body: r.body as { reservationId: string; expiresAt: string }, attempt: attempts[i]! }] : [],
    );
    expect(wins.length).toBeGreaterThan(0);
    expect(responses.some((r) => r.status === 409)).toBe(true);
    for (const r of responses.filter((x) => x.status === 409)) {
      expect(r.body).toMatchObject({ error: { code: 'seats_taken', details: { ticketIds: expect.any(Array) } } });
    }

    expect(await holdInvariantViolations(sql, event.eventId)).toEqual([]);
    const active = await sql`select count(*)::int as n from reservations where event_id = ${event.eventId}`;
    expect(active[0]!.n).toBe(wins.length);
    for (const win of wins) {
      const held = await sql`select id from tickets where hold_id = ${win.body.reservationId} and status = 'reserved' order by id`;
      expect(held.map((t) => t.id)).toEqual([...win.attempt.ticketIds].sort());
      expect(new Date(win.body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 9 * 60_000);
    }
  });
});

describe('reservation API: bad input gets a clear error and changes nothing', () => {
  let event: TestEvent;
  let other: TestEvent;
  let fan: TestFan;
  let stranger: TestFan;
  let cookie: string;
  beforeAll(async () => {
    event = await createEvent(sql, { sections: 1, rows: 2, seatsPerRow: 10 });
    other = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 2 });
    [fan, stranger] = (await createFans(sql, 2)) as [TestFan, TestFan];
    cookie = await sessionCookie(fan);
  });

  const post = (json: unknown, withCookie = true) =>
    api('/api/reservations', { method: 'POST', cookie: withCookie ? cookie : undefined, json });

  it.each([
    ['malformed JSON', () => api('/api/reservations', { method: 'POST', cookie, rawBody: '{"eventId": ' }), 400, 'bad_request'],
    ['a JSON array body', () => post([1, 2]), 400, 'bad_request'],
    ['no tickets', () => post({ eventId: event.eventId, ticketIds: [] }), 400, 'bad_request'],
    ['nine tickets', () => post({ eventId: event.eventId, ticketIds: event.ticketIds.slice(0, 9) }), 400, 'bad_request'],
    [
      'a duplicated ticket',
      () => post({ eventId: event.eventId, ticketIds: [event.ticketIds[0], event.ticketIds[0]] }),
      400,
      'bad_request',
    ],
    ['a ticket id that is not a UUID', () => post({ eventId: event.eventId, ticketIds: ['seat-1'] }), 400, 'bad_request'],
    [
      'an unknown event',
      () => post({ eventId: '00000000-0000-4000-8000-000000000000', ticketIds: [event.ticketIds[0]] }),
      404,
      'not_found',
    ],
    [
      'unknown ticket ids',
      () => post({ eventId: event.eventId, ticketIds: [event.ticketIds[0], '00000000-0000-4000-8000-00000000abcd'] }),
      404,
      'not_found',
    ],
    [
      'tickets of another event',
      () => post({ eventId: event.eventId, ticketIds: [event.ticketIds[0], other.ticketIds[0]] }),
      422,
      'validation_failed',
    ],
    ['no session', () => post({ eventId: event.eventId, ticketIds: [event.ticketIds[0]] }, false), 401, 'unauthorized'],
  ])('%s', async (_name, call, status, code) => {
    const before = await snapshot(event.eventId);
    const beforeOther = await snapshot(other.eventId);
    expectError(await call(), status, code);
    expect(await snapshot(event.eventId)).toBe(before);
    expect(await snapshot(other.eventId)).toBe(beforeOther);
  });

  it("refuses another fan's release with 404, as if it did not exist, and keeps the hold", async () => {
    const created = await post({ eventId: event.eventId, ticketIds: event.ticketIds.slice(10, 12) });
    expect(created.status).toBe(201);
    const { reservationId } = created.body as { reservationId: string };
    const before = await snapshot(event.eventId);

    const theirs = await api(`/api/reservations/${reservationId}`, { method: 'DELETE', cookie: await sessionCookie(stranger) });
    expectError(theirs, 404, 'not_found');
    expectError(await api(`/api/reservations/${reservationId}`, { method: 'DELETE' }), 401, 'unauthorized');
    expectError(await api('/api/reservations/not-a-uuid', { method: 'DELETE', cookie }), 404, 'not_found');
    expect(await snapshot(event.eventId)).toBe(before);

    const mine = await api(`/api/reservations/${reservationId}`, { method: 'DELETE', cookie });
    expect(mine).toMatchObject({ status: 200, body: { reservationId, status: 'released' } });
    const freed =
      await sql`select count(*)::int as n from tickets where id = any(${event.ticketIds.slice(10, 12)}::uuid[]) and status = 'available'`;
    expect(freed[0]!.n).toBe(2);
  });
});
