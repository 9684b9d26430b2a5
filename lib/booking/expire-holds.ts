import 'server-only';
import { sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { events, reservations, tickets, type Event, type Reservation, type Ticket } from '@/db/schema';
import { uuidArray } from '@/db/sql-helpers';
import { seatsChanged } from '@/lib/realtime/seats-changed';
import type { SeatDiff } from '@/lib/realtime/types';
import { closeCheckouts } from './close-checkouts';

/**
 * Housekeeping only: every read already treats a lapsed hold as available, so correctness never
 * waits for this. It returns lapsed seats to 'available', marks their reservations expired, bumps
 * each affected event's seat version and announces the changes. SKIP LOCKED keeps it from waiting
 * on (or deadlocking with) a reservation claiming the same rows. Redis locks need no sweeping:
 * they carry the hold's ttl.
 */
export async function expireHolds(db: Database, batch = 5_000): Promise<{ tickets: number; reservations: number }> {
  const { diffs, ended } = await db.transaction(async (tx) => {
    // Raw SQL for the SKIP LOCKED batches, which the query builder does not compose as updates.
    const freed = await tx.execute<Pick<Ticket, 'id' | 'eventId'>>(sql`
      with lapsed as (
        select id from ${tickets}
        where status = 'reserved' and hold_expires_at <= now()
        order by hold_expires_at
        limit ${batch}
        for update skip locked
      )
      update ${tickets} t set status = 'available', hold_id = null, hold_expires_at = null
      from lapsed where t.id = lapsed.id
      returning t.id, t.event_id as "eventId"`);
    const ended = await tx.execute<Pick<Reservation, 'id'>>(sql`
      update ${reservations} set status = 'expired', ended_at = expires_at
      where id in (
        select id from ${reservations} where status = 'active' and expires_at <= now()
        limit ${batch} for update skip locked)
      returning id`);

    const byEvent = new Map<string, string[]>();
    for (const t of freed) byEvent.set(t.eventId, [...(byEvent.get(t.eventId) ?? []), t.id]);
    const eventIds = [...byEvent.keys()];
    // Event rows locked in id order, so two sweepers can never deadlock on them.
    const versions = eventIds.length
      ? await tx.execute<{ id: Event['id']; seatVersion: string }>(sql`
          update ${events} set seat_version = seat_version + 1
          where id in (select id from ${events} where id = any(${uuidArray(eventIds)}) order by id for update)
          returning id, seat_version as "seatVersion"`)
      : [];
    const diffs: SeatDiff[] = versions.map((v) => ({
      eventId: v.id,
      version: Number(v.seatVersion),
      changes: (byEvent.get(v.id) ?? []).map((id) => ({ id, status: 'available' as const })),
    }));
    return { diffs, ended: ended.map((r) => r.id) };
  });

  for (const diff of diffs) void seatsChanged(db, diff);
  // An expired hold must not be paid for any more: close its checkout (best effort, never throws).
  await closeCheckouts(db, ended);
  return { tickets: diffs.reduce((n, d) => n + d.changes.length, 0), reservations: ended.length };
}
