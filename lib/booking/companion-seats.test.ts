import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { AppError } from '@/lib/errors';
import { createRedisKv } from '@/lib/kv/redis';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans, type TestEvent } from '@/lib/testing/factories';
import { holdInvariantViolations } from '@/lib/testing/invariants';
import { race } from '@/lib/testing/race';
import { testKvPrefix, testRedisUrl } from '@/lib/testing/test-env';
import type { FlagPlan } from '@/lib/venues/seat-flags';
import { reserveSeats } from './reserve-seats';

// The companion rule lives in hold_seats() (db/migrations/0013_seat_flags.sql), the one place
// every hold is decided, so these call it through reserveSeats against the real database.

const sql = testSql();
const kv = createRedisKv(testRedisUrl, { prefix: `${testKvPrefix}companion:`, timeoutMs: 250 });
afterAll(async () => {
  await Promise.all([kv.close(), sql.end()]);
});

// Section S1's row A: W C W C . . C W C W (wheelchair spaces and companion seats at both ends).
const plan: FlagPlan = { accessibleRow: (s) => (s.id === 'S1' ? 'first' : null), restrictedBeyond: 180 };
const seat = (e: TestEvent, row: string, number: number) =>
  e.seats.find((s) => s.section === 'S1' && s.row === row && s.number === number)!;

async function snapshot(eventId: string) {
  const tickets = await sql`select id, status, hold_id from tickets where event_id = ${eventId} order by id`;
  const reservations = await sql`select id, status from reservations where event_id = ${eventId} order by id`;
  return JSON.stringify({ tickets, reservations });
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('hold_seats(): a companion seat only with a wheelchair space in the same hold', () => {
  it('copies the map flags onto the tickets', async () => {
    const e = await createEvent(sql, { flagPlan: plan });
    expect(['A1', 'A2', 'A3', 'A4', 'A7', 'A8', 'A9', 'A10'].map((k) => seat(e, 'A', Number(k.slice(1))).flags)).toEqual([
      ['wheelchair'],
      ['companion'],
      ['wheelchair'],
      ['companion'],
      ['companion'],
      ['wheelchair'],
      ['companion'],
      ['wheelchair'],
    ]);
    expect(seat(e, 'B', 1).flags).toEqual(['aisle']);
    expect(seat(e, 'B', 5).flags).toEqual([]);
  });

  it('refuses a companion seat alone, or with only ordinary seats, and changes nothing', async () => {
    const e = await createEvent(sql, { flagPlan: plan });
    const [fan] = await createFans(sql, 1);
    const before = await snapshot(e.eventId);
    for (const ids of [[seat(e, 'A', 2).id], [seat(e, 'A', 4).id, seat(e, 'A', 5).id], [seat(e, 'A', 2).id, seat(e, 'A', 4).id]]) {
      const error = await refusal(reserveSeats(db, kv, { userId: fan!.id, eventId: e.eventId, ticketIds: ids }));
      expect(error.code).toBe('companion_alone');
      expect(error.status).toBe(422);
      expect(error.message).toMatch(/wheelchair space/);
      const companions = ids.filter((id) => e.seats.find((s) => s.id === id)!.flags.includes('companion'));
      expect((error.details as { ticketIds: string[] }).ticketIds.sort()).toEqual(companions.sort());
    }
    expect(await snapshot(e.eventId)).toBe(before);
  });

  it('holds a companion seat with a wheelchair space in the same hold, and a wheelchair space alone', async () => {
    const e = await createEvent(sql, { flagPlan: plan });
    const [fan, other] = await createFans(sql, 2);
    const pair = await reserveSeats(db, kv, { userId: fan!.id, eventId: e.eventId, ticketIds: [seat(e, 'A', 2).id, seat(e, 'A', 1).id] });
    const held = await sql`select id from tickets where hold_id = ${pair.reservationId} order by id`;
    expect(held.map((r) => r.id).sort()).toEqual([seat(e, 'A', 1).id, seat(e, 'A', 2).id].sort());
    // Companion seats from either side of one space, plus an ordinary seat: still one wheelchair space in the hold.
    await reserveSeats(db, kv, {
      userId: other!.id,
      eventId: e.eventId,
      ticketIds: [seat(e, 'A', 7).id, seat(e, 'A', 8).id, seat(e, 'A', 9).id],
    });
    await reserveSeats(db, kv, { userId: other!.id, eventId: e.eventId, ticketIds: [seat(e, 'A', 10).id] });
    expect(await holdInvariantViolations(sql, e.eventId)).toEqual([]);
    // The invariant check sees a companion seat alone if one is ever written behind hold_seats()' back.
    await sql`update tickets set seat_flags = '{}' where id = ${seat(e, 'A', 1).id}`;
    expect(await holdInvariantViolations(sql, e.eventId)).toEqual([
      `hold ${pair.reservationId} has a companion seat without a wheelchair space`,
    ]);
  });

  it('refuses a companion seat whose wheelchair space is in another hold, the fan’s own or another fan’s', async () => {
    const e = await createEvent(sql, { flagPlan: plan });
    const [fan, other] = await createFans(sql, 2);
    await reserveSeats(db, kv, { userId: fan!.id, eventId: e.eventId, ticketIds: [seat(e, 'A', 3).id] });
    await reserveSeats(db, kv, { userId: other!.id, eventId: e.eventId, ticketIds: [seat(e, 'A', 8).id] });
    const before = await snapshot(e.eventId);
    for (const [who, n] of [
      [fan!, 4],
      [fan!, 2],
      [other!, 7],
      [other!, 9],
      [fan!, 9],
    ] as const) {
      const error = await refusal(reserveSeats(db, kv, { userId: who.id, eventId: e.eventId, ticketIds: [seat(e, 'A', n).id] }));
      expect(error.code).toBe('companion_alone');
    }
    expect(await snapshot(e.eventId)).toBe(before);
  });

  it('answers forged ids as before: unknown tickets first, then another event’s wheelchair space never counts', async () => {
    const e = await createEvent(sql, { flagPlan: plan });
    const elsewhere = await createEvent(sql, { flagPlan: plan });
    const [fan] = await createFans(sql, 1);
    const before = await snapshot(e.eventId);
    const beforeElsewhere = await snapshot(elsewhere.eventId);
    const unknown = await refusal(
      reserveSeats(db, kv, { userId: fan!.id, eventId: e.eventId, ticketIds: [seat(e, 'A', 2).id, randomUUID()] }),
    );
    expect(unknown.code).toBe('not_found');
    const foreign = await refusal(
      reserveSeats(db, kv, { userId: fan!.id, eventId: e.eventId, ticketIds: [seat(e, 'A', 2).id, seat(elsewhere, 'A', 1).id] }),
    );
    expect(foreign.code).toBe('validation_failed');
    expect(foreign.details).toEqual({ ticketIds: [seat(elsewhere, 'A', 1).id] });
    // An upper-case spelling of a companion id is the same seat, refused the same way.
    const upper = await refusal(
      reserveSeats(db, kv, { userId: fan!.id, eventId: e.eventId, ticketIds: [seat(e, 'A', 2).id.toUpperCase()] }),
    );
    expect(upper.code).toBe('companion_alone');
    expect(await snapshot(e.eventId)).toBe(before);
    expect(await snapshot(elsewhere.eventId)).toBe(beforeElsewhere);
  });

  it('under a race for one wheelchair space and its companion seat, no companion seat is ever held without it', async () => {
    const e = await createEvent(sql, { flagPlan: plan });
    const fans = await createFans(sql, 40);
    const w = seat(e, 'A', 1).id;
    const c = seat(e, 'A', 2).id;
    // Half ask for the pair, half for the companion seat alone, all at once.
    const outcome = await race(
      fans.map((f, i) => () => reserveSeats(db, kv, { userId: f.id, eventId: e.eventId, ticketIds: i % 2 === 0 ? [w, c] : [c] })),
    );
    const codes = outcome.results.map((r) => (r.ok ? 'held' : (r.error as AppError).code));
    expect(codes.filter((x) => x === 'held')).toHaveLength(1);
    expect(codes.every((x) => ['held', 'seats_taken', 'companion_alone'].includes(x))).toBe(true);
    expect(codes.filter((x, i) => i % 2 === 1 && x === 'held')).toEqual([]);
    const [holder] = await sql`select hold_id from tickets where id = ${c}`;
    const [space] = await sql`select hold_id from tickets where id = ${w}`;
    expect(holder!.hold_id).not.toBeNull();
    expect(holder!.hold_id).toBe(space!.hold_id);
    expect(await holdInvariantViolations(sql, e.eventId)).toEqual([]);
  });
});
