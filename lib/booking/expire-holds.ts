import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';

/**
 * Housekeeping only: every read already treats a lapsed hold as available, so correctness never
 * waits for this. It returns lapsed seats to 'available' and marks their reservations expired.
 * SKIP LOCKED keeps it from waiting on (or deadlocking with) a reservation claiming the same rows.
 * Redis locks need no sweeping: they carry the hold's ttl.
 */
export async function expireHolds(db: DbOrTx, batch = 5_000): Promise<{ tickets: number; reservations: number }> {
  const tickets = await db.execute<{ id: string }>(sql`
    with lapsed as (
      select id from tickets
      where status = 'reserved' and hold_expires_at <= now()
      order by hold_expires_at
      limit ${batch}
      for update skip locked
    )
    update tickets t set status = 'available', hold_id = null, hold_expires_at = null
    from lapsed where t.id = lapsed.id
    returning t.id`);
  const reservations = await db.execute<{ id: string }>(sql`
    update reservations set status = 'expired', ended_at = expires_at
    where id in (
      select id from reservations where status = 'active' and expires_at <= now()
      limit ${batch} for update skip locked)
    returning id`);
  return { tickets: tickets.length, reservations: reservations.length };
}
