import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';

/**
 * Closes offers whose hold has ended: bought (converted) becomes 'accepted', anything else
 * (released, expired, or past its time before the sweeper ran) 'lapsed'. The fan's place is then
 * spent; they may join again at the back. Scoped to an event, optionally to one fan.
 */
export async function settleOffers(tx: DbOrTx, scope: { eventId: string; userId?: string }): Promise<void> {
  await tx.execute(sql`
    update waitlist_entries w
    set status = (case when r.status = 'converted' then 'accepted' else 'lapsed' end)::waitlist_status,
        ended_at = now()
    from reservations r
    where r.id = w.offer_reservation_id and w.status = 'offered' and w.event_id = ${scope.eventId}
      ${scope.userId ? sql`and w.user_id = ${scope.userId}` : sql``}
      and (r.status <> 'active' or r.expires_at <= now())`);
}
