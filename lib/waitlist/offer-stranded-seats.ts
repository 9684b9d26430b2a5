import 'server-only';
import { sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { warnThrottled } from '@/lib/log';
import { offerFreedSeats } from './offer-freed-seats';

/**
 * The sweeper's safety net: offers run after each seat change, in the process that made it, and
 * one can be lost (a database fault mid-pass, a process stopped right after the release). Any
 * event where a fan waits while seats that fit them are free gets a pass now. Returns the
 * number of offers made.
 */
export async function offerStrandedSeats(db: Database): Promise<number> {
  const stranded = await db.execute<{ eventId: string }>(sql`
    select distinct w.event_id as "eventId" from waitlist_entries w
    where w.status = 'waiting' and exists (
      select 1 from tickets t where t.event_id = w.event_id and t.price_minor <= w.max_price_minor
        and (w.section is null or t.section = w.section) and not (t.seat_flags && array['wheelchair', 'companion'])
        and (t.status = 'available' or (t.status = 'reserved' and t.hold_expires_at <= now())))
    limit 100`);
  let offers = 0;
  for (const { eventId } of stranded) {
    try {
      offers += (await offerFreedSeats(db, eventId)).length;
    } catch (error) {
      warnThrottled('waitlist-stranded', `waitlist: sweep could not offer seats of ${eventId} (${(error as Error).message})`);
    }
  }
  return offers;
}
