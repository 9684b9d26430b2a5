import 'server-only';
import { sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { pgErrorCode } from '@/db/errors';
import { waitlistEntries } from '@/db/schema';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { getWaitlistEntry } from './get-waitlist-entry';
import { settleOffers } from './settle-offers';
import type { WaitlistView } from './types';
import type { JoinWaitlistInput } from './waitlist-input';

/**
 * Puts a fan at the back of an event's waitlist. Only when nothing that would fit is on sale
 * (the event, or their section or price band, is sold out): otherwise they should simply pick
 * the seats. One open entry per fan and event; joining again answers 409 with the entry.
 */
export async function joinWaitlist(db: Database, input: JoinWaitlistInput & { userId: string; eventId: string }): Promise<WaitlistView> {
  if (!isUuid(input.eventId)) throw new AppError('not_found', 'No such event.');
  const eventId = input.eventId.toLowerCase();
  const section = input.section ?? null;

  await db.transaction(async (tx) => {
    // The event's waitlist lock: an offer pass is not halfway through the line while we join.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('waitlist:' || ${eventId}::text, 0))`);
    const [event] = await tx.execute<{ upcoming: boolean; onSale: boolean; sections: boolean; fits: number }>(sql`
      select date > now() as upcoming, on_sale_at <= now() as "onSale",
        ${section === null ? sql`true` : sql`exists (select 1 from tickets where event_id = ${eventId} and section = ${section})`} as sections,
        (select count(*)::int from tickets where event_id = ${eventId}
           and price_minor <= ${input.maxPrice}
           ${section === null ? sql`` : sql`and section = ${section}`}
           and not (seat_flags && array['wheelchair', 'companion'])
           and (status = 'available' or (status = 'reserved' and hold_expires_at <= now()))) as fits
      from events where id = ${eventId}`);
    if (!event) throw new AppError('not_found', 'No such event.');
    if (!event.upcoming) throw new AppError('not_on_sale', 'This event has already taken place.');
    if (!event.onSale) throw new AppError('not_on_sale', 'Tickets for this event are not on sale yet; the waitlist opens with the sale.');
    if (!event.sections)
      throw new AppError('validation_failed', 'This event has no such section.', {
        issues: [{ path: 'section', message: 'No such section' }],
      });
    if (event.fits >= input.quantity) {
      throw new AppError('conflict', 'Seats that fit are on sale right now: choose them on the seat map.', { available: event.fits });
    }
    // An offer that the per-fan limit would refuse is no offer: say so now, not never.
    const [held] = await tx.execute<{ n: number }>(sql`
      select count(*)::int as n
      from reservation_tickets rt join reservations r on r.id = rt.reservation_id
      where r.user_id = ${input.userId} and r.event_id = ${eventId}
        and ((r.status = 'active' and r.expires_at > now()) or r.status = 'converted')`);
    const already = held?.n ?? 0;
    if (already + input.quantity > env.TICKET_LIMIT_PER_EVENT) {
      throw new AppError(
        'ticket_limit',
        `You can have at most ${env.TICKET_LIMIT_PER_EVENT} tickets for this event; you already have ${already}.`,
        { limit: env.TICKET_LIMIT_PER_EVENT, current: already },
      );
    }
    await settleOffers(tx, { eventId, userId: input.userId });
    try {
      await tx
        .insert(waitlistEntries)
        .values({ eventId, userId: input.userId, quantity: input.quantity, maxPriceMinor: input.maxPrice, section });
    } catch (error) {
      if (pgErrorCode(error) === '23505') throw new AppError('conflict', 'You are already on the waitlist for this event.');
      throw error;
    }
  });
  return (await getWaitlistEntry(db, { userId: input.userId, eventId }))!;
}
