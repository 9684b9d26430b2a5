import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { AppError } from '@/lib/errors';
import { getKv } from '@/lib/kv';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans } from '@/lib/testing/factories';
import { holdInvariantViolations } from '@/lib/testing/invariants';
import { race } from '@/lib/testing/race';
import { reserveBestAvailable } from './reserve-best-available';

const sql = testSql();
afterAll(() => sql.end());

describe('reserveBestAvailable', () => {
  it('holds adjacent seats in the front row, then the next best for the next fan', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 2, seatsPerRow: 6 });
    const [a, b] = await createFans(sql, 2);
    const first = await reserveBestAvailable(db, getKv(), { userId: a!.id, eventId: event.eventId, quantity: 2 });
    const seats = (ids: string[]) => event.seats.filter((s) => ids.includes(s.id));
    expect(seats(first.ticketIds).map((s) => s.row)).toEqual(['A', 'A']);
    const numbers = seats(first.ticketIds).map((s) => s.number);
    expect(Math.abs(numbers[0]! - numbers[1]!)).toBe(1);

    const second = await reserveBestAvailable(db, getKv(), { userId: b!.id, eventId: event.eventId, quantity: 2 });
    expect(second.ticketIds.some((id) => first.ticketIds.includes(id))).toBe(false);
    const held = await sql`select count(*)::int as n from tickets where event_id = ${event.eventId} and status = 'reserved'`;
    expect(held[0]!.n).toBe(4);
  });

  it('answers 409 when no run fits, and rejects a bad quantity', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 3 });
    const [fan] = await createFans(sql, 1);
    await expect(reserveBestAvailable(db, getKv(), { userId: fan!.id, eventId: event.eventId, quantity: 4 })).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(reserveBestAvailable(db, getKv(), { userId: fan!.id, eventId: event.eventId, quantity: 9 })).rejects.toBeInstanceOf(
      AppError,
    );
  });

  it('spreads a crowd over distinct seats: 60 fans race for 40 seats, none held twice', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 4, seatsPerRow: 10 });
    const fans = await createFans(sql, 60);
    const { results } = await race(
      fans.map((fan) => () => reserveBestAvailable(db, getKv(), { userId: fan.id, eventId: event.eventId, quantity: 2 })),
    );
    const won = results.flatMap((r) => (r.ok ? [r.value] : []));
    for (const r of results) if (!r.ok) expect((r.error as AppError).code).toMatch(/^(conflict|seats_taken)$/);
    const ids = won.flatMap((h) => h.ticketIds);
    expect(new Set(ids).size).toBe(ids.length);
    // Concurrent calls pick around each other's picks, so most of the room is sold, not lost to retries.
    expect(won.length).toBeGreaterThanOrEqual(15);
    const held = await sql`select count(*)::int as n from tickets where event_id = ${event.eventId} and status = 'reserved'`;
    expect(held[0]!.n).toBe(ids.length);
    expect(await holdInvariantViolations(sql, event.eventId)).toEqual([]);
  });
});
