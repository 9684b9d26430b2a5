import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import type { WaitlistStatus } from '@/db/schema';
import { isUuid } from '@/lib/ids';
import type { WaitlistView } from './types';

type Row = {
  id: string;
  eventId: string;
  quantity: number;
  maxPrice: number;
  section: string | null;
  status: WaitlistStatus;
  ahead: number;
  joinedAt: Date | string;
  reservationId: string | null;
  expiresAt: Date | string | null;
  offerOpen: boolean;
};

/**
 * The fan's newest entry on an event's waitlist, or null. Only ever the asking fan's own: there
 * is no way to name another fan's entry. An offer reads as lapsed once its hold has ended, even
 * before the next offer pass records it.
 */
export async function getWaitlistEntry(db: DbOrTx, input: { userId: string; eventId: string }): Promise<WaitlistView | null> {
  if (!isUuid(input.eventId)) return null;
  const [row] = await db.execute<Row>(sql`
    select w.id, w.event_id as "eventId", w.quantity, w.max_price_minor as "maxPrice", w.section, w.status,
      w.created_at as "joinedAt", w.offer_reservation_id as "reservationId", r.expires_at as "expiresAt",
      coalesce(r.status = 'active' and r.expires_at > now(), false) as "offerOpen",
      case when w.status = 'waiting' then (
        select count(*)::int from waitlist_entries a
        where a.event_id = w.event_id and a.status = 'waiting' and a.position < w.position) else 0 end as ahead
    from waitlist_entries w left join reservations r on r.id = w.offer_reservation_id
    where w.user_id = ${input.userId} and w.event_id = ${input.eventId.toLowerCase()}
    order by w.position desc limit 1`);
  if (!row) return null;
  const offered = row.status === 'offered';
  const status: WaitlistStatus = offered && !row.offerOpen ? 'lapsed' : row.status;
  return {
    id: row.id,
    eventId: row.eventId,
    quantity: row.quantity,
    maxPrice: row.maxPrice,
    section: row.section,
    status,
    ahead: row.ahead,
    joinedAt: new Date(row.joinedAt).toISOString(),
    offer:
      offered && row.offerOpen && row.reservationId && row.expiresAt
        ? { reservationId: row.reservationId, expiresAt: new Date(row.expiresAt).toISOString() }
        : null,
  };
}
