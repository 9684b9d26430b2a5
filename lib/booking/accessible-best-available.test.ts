import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { getKv } from '@/lib/kv';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans, type TestEvent } from '@/lib/testing/factories';
import { holdInvariantViolations } from '@/lib/testing/invariants';
import type { FlagPlan } from '@/lib/venues/seat-flags';
import { reserveBestAvailable } from './reserve-best-available';

const sql = testSql();
afterAll(() => sql.end());

// Row A of every section: W C W C . . C W C W, the best row for anyone (nearest the stage).
const plan: FlagPlan = { accessibleRow: () => 'first', restrictedBeyond: 180 };
const flagsOf = (e: TestEvent, ids: string[]) => ids.map((id) => e.seats.find((s) => s.id === id)!.flags);

describe('best available with wheelchair spaces', () => {
  it('holds a wheelchair space with the companion seat beside it', async () => {
    const e = await createEvent(sql, { sections: 1, rows: 2, seatsPerRow: 10, flagPlan: plan });
    const [fan] = await createFans(sql, 1);
    const hold = await reserveBestAvailable(db, getKv(), { userId: fan!.id, eventId: e.eventId, quantity: 2, wheelchair: 1 });
    expect(flagsOf(e, hold.ticketIds).flat().sort()).toEqual(['companion', 'wheelchair']);
    const seats = e.seats.filter((s) => hold.ticketIds.includes(s.id));
    expect(new Set(seats.map((s) => s.row)).size).toBe(1);
    expect(Math.abs(seats[0]!.number - seats[1]!.number)).toBe(1);
    expect(await holdInvariantViolations(sql, e.eventId)).toEqual([]);
  });

  it('never gives wheelchair spaces or companion seats to an ordinary request, even in the best row', async () => {
    const e = await createEvent(sql, { sections: 1, rows: 2, seatsPerRow: 10, flagPlan: plan });
    const fans = await createFans(sql, 3);
    // Without flags the best pair would be A2-A3 (the focal point is above seat 3): a wheelchair
    // space and a companion seat. Every ordinary pick stays clear of them.
    const picks = [];
    for (const fan of fans) picks.push(await reserveBestAvailable(db, getKv(), { userId: fan.id, eventId: e.eventId, quantity: 2 }));
    for (const pick of picks) {
      const flags = flagsOf(e, pick.ticketIds).flat();
      expect(flags.filter((f) => f === 'wheelchair' || f === 'companion')).toEqual([]);
    }
    const flagged = await sql`
      select count(*)::int as n from tickets
      where event_id = ${e.eventId} and seat_flags && array['wheelchair', 'companion'] and status <> 'available'`;
    expect(flagged[0]!.n).toBe(0);
  });

  it('says plainly when no wheelchair spaces are left, and holds nothing', async () => {
    const e = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 4, flagPlan: plan });
    const fans = await createFans(sql, 3);
    // W C C W: one party each end.
    await reserveBestAvailable(db, getKv(), { userId: fans[0]!.id, eventId: e.eventId, quantity: 2, wheelchair: 1 });
    await reserveBestAvailable(db, getKv(), { userId: fans[1]!.id, eventId: e.eventId, quantity: 2, wheelchair: 1 });
    await expect(
      reserveBestAvailable(db, getKv(), { userId: fans[2]!.id, eventId: e.eventId, quantity: 2, wheelchair: 1 }),
    ).rejects.toMatchObject({ code: 'conflict', message: 'There are no 1 wheelchair space with 1 companion seat together right now.' });
    const [mine] = await sql`select count(*)::int as n from reservations where user_id = ${fans[2]!.id}`;
    expect(mine!.n).toBe(0);
  });

  it('refuses more wheelchair spaces than seats', async () => {
    const e = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 4, flagPlan: plan });
    const [fan] = await createFans(sql, 1);
    await expect(
      reserveBestAvailable(db, getKv(), { userId: fan!.id, eventId: e.eventId, quantity: 1, wheelchair: 2 }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
