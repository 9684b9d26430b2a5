import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { AppError } from '@/lib/errors';
import { getKv } from '@/lib/kv';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans } from '@/lib/testing/factories';
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
    await expect(reserveBestAvailable(db, getKv(), { userId: fan!.id, eventId: event.eventId, quantity: 4 })).rejects.toMatchObject({ code: 'conflict' });
    await expect(reserveBestAvailable(db, getKv(), { userId: fan!.id, eventId: event.eventId, quantity: 9 })).rejects.toBeInstanceOf(AppError);
  });
});
