import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans, type TestEvent, type TestFan } from '@/lib/testing/factories';
import { api, baseUrl, sessionCookie } from '@/lib/testing/http';
import { actionErrorCode, builtActions, callAction, pageUrl } from '@/lib/testing/server-actions';

// Issue 10, finding 1: the seat map's hold action skipped the waiting room and the reserve rate
// limit. Every hold now passes one door (lib/booking/hold-seats.ts). These tests do not trust a
// list of doors: they walk every server action in the build's manifest and every API route that
// takes a POST, and show that none of them gives a fan without admission a hold on a queued event.

const sql = testSql();
let event: TestEvent;
let fan: TestFan;
let cookie: string;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const holdsOf = async (userId: string) =>
  (await sql`select count(*)::int as n from reservations where user_id = ${userId}`)[0]!.n as number;

beforeAll(async () => {
  event = await createEvent(sql, { sections: 1, rows: 2, seatsPerRow: 20 });
  await sql`update events set queue_mode = 'on', queue_outflow_per_minute = 1 where id = ${event.eventId}`;
  [fan] = (await createFans(sql, 1)) as [TestFan];
  cookie = await sessionCookie(fan);
  // Wait until the server's periodic read of queued events has seen it (QUEUE_REFRESH_MS).
  for (let i = 0; i < 50; i++) {
    const r = await fetch(`${baseUrl}/events/${event.eventId}`, { redirect: 'manual', headers: { cookie } });
    if (r.status === 307) break;
    await sleep(200);
  }
  await sleep(1_000);
});

afterAll(async () => {
  await sql.end();
});

// Every shape a hold could be asked for in, so each action meets the input it would accept.
const holdInputs = () => [
  { eventId: event.eventId, ticketIds: event.ticketIds.slice(0, 2) },
  { eventId: event.eventId, seats: [0, 1] },
  { eventId: event.eventId, quantity: '2' },
  { eventId: event.eventId, reservationId: event.eventId },
];

describe('the one guarded door to a hold', () => {
  it('the build has the hold actions this test expects to find (so an empty walk cannot pass)', () => {
    const names = builtActions().map((a) => a.name);
    expect(names).toEqual(expect.arrayContaining(['holdMapSeats', 'holdBestSeats']));
  });

  it('no server action gives a fan without admission a hold on a queued event', async () => {
    const before = await holdsOf(fan.id);
    const refusals: Record<string, Set<string | null>> = {};
    for (const action of builtActions()) {
      for (const input of holdInputs()) {
        const answer = await callAction(action, pageUrl(action, event.eventId), [null, input], cookie);
        expect(answer.status, `${action.name} answered ${answer.status}`).toBeLessThan(500);
        (refusals[action.name] ??= new Set()).add(actionErrorCode(answer));
      }
    }
    expect(await holdsOf(fan.id)).toBe(before);
    // The hold actions refuse for the right reason, not only by accident of bad input.
    for (const name of ['holdMapSeats', 'holdBestSeats']) expect(refusals[name]).toContain('queue_required');
  });

  it('no API route gives a fan without admission a hold on a queued event', async () => {
    const before = await holdsOf(fan.id);
    const reserve = await api('/api/reservations', {
      method: 'POST',
      cookie,
      json: { eventId: event.eventId, ticketIds: event.ticketIds.slice(0, 2) },
    });
    expect(reserve).toMatchObject({ status: 403, body: { error: { code: 'queue_required' } } });
    const best = await api(`/api/events/${event.eventId}/best-available`, { method: 'POST', cookie, json: { quantity: 2 } });
    expect(best).toMatchObject({ status: 403, body: { error: { code: 'queue_required' } } });
    // A best-available body naming another event is refused, never used to slip past the path's gate.
    const smuggled = await api(`/api/events/${event.eventId}/best-available`, {
      method: 'POST',
      cookie,
      json: { quantity: 2, eventId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(smuggled.status).toBeGreaterThanOrEqual(400);
    expect(smuggled.status).toBeLessThan(500);
    expect(await holdsOf(fan.id)).toBe(before);
  });

  it('the map action is rate-limited like every other hold (30 calls in a row give 429s)', async () => {
    const [other] = (await createFans(sql, 1)) as [TestFan];
    const otherCookie = await sessionCookie(other);
    const map = builtActions().find((a) => a.name === 'holdMapSeats')!;
    const codes: Array<string | null> = [];
    for (let i = 0; i < 30; i++) {
      codes.push(
        actionErrorCode(await callAction(map, `/events/${event.eventId}`, [null, { eventId: event.eventId, seats: [i] }], otherCookie)),
      );
    }
    // The test server allows 20 reserve attempts per fan per 5 s.
    expect(codes.filter((c) => c === 'rate_limited').length).toBeGreaterThanOrEqual(5);
    expect(codes.filter((c) => c === 'queue_required').length).toBeGreaterThan(0);
    expect(await holdsOf(other.id)).toBe(0);
  });

  it('refuses a seat index beyond the database integer with a clear 4xx, not a 500', async () => {
    const [other] = (await createFans(sql, 1)) as [TestFan];
    await sql`update events set queue_mode = 'off' where id = ${event.eventId}`;
    try {
      const map = builtActions().find((a) => a.name === 'holdMapSeats')!;
      for (const seats of [[2 ** 31], [2 ** 53], [-1], [1.5], ['1'], [null]]) {
        const answer = await callAction(
          map,
          `/events/${event.eventId}`,
          [null, { eventId: event.eventId, seats }],
          await sessionCookie(other),
        );
        expect(answer.status).toBeLessThan(500);
        expect(actionErrorCode(answer)).toBe('bad_request');
      }
    } finally {
      await sql`update events set queue_mode = 'on' where id = ${event.eventId}`;
    }
    expect(await holdsOf(other.id)).toBe(0);
  });
});
