import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import type { MyWaitlist } from './types';

/** The banner's read: the fan's open offers (held, not yet lapsed) and how many entries still wait. */
export async function listMyWaitlist(db: DbOrTx, userId: string): Promise<MyWaitlist> {
  const offers = await db.execute<{
    eventId: string;
    eventName: string;
    reservationId: string;
    expiresAt: Date | string;
    seats: number;
  }>(sql`
    select w.event_id as "eventId", e.name as "eventName", r.id as "reservationId", r.expires_at as "expiresAt",
      (select count(*)::int from tickets t where t.hold_id = r.id) as seats
    from waitlist_entries w
      join reservations r on r.id = w.offer_reservation_id
      join events e on e.id = w.event_id
    where w.user_id = ${userId} and w.status = 'offered' and r.status = 'active' and r.expires_at > now()
    order by r.expires_at`);
  const [waiting] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from waitlist_entries where user_id = ${userId} and status = 'waiting'`);
  return {
    offers: offers.map((o) => ({ ...o, expiresAt: new Date(o.expiresAt).toISOString() })),
    waiting: waiting?.n ?? 0,
  };
}
