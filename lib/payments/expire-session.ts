import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { uuidArray } from '@/db/sql-helpers';
import { warnThrottled } from '@/lib/log';
import { getStripe, isStripeRequestError, paymentsConfigured } from './stripe';

/**
 * A hold that ended (released or expired) must not be paid for any more: expire the open Checkout
 * Sessions of these reservations and cancel their pending bookings. Best effort and never throws:
 * called after the hold's own transaction committed, and a session that is already complete or
 * expired is fine (a payment that won the race is settled by fulfilBooking).
 */
export async function expireCheckoutSessions(db: DbOrTx, reservationIds: string[]): Promise<void> {
  if (reservationIds.length === 0 || !paymentsConfigured()) return;
  try {
    const open = await db.execute<{ id: string; stripe_session_id: string }>(sql`
      select id, stripe_session_id from bookings
      where reservation_id = any(${uuidArray(reservationIds)}) and status = 'pending' and stripe_session_id is not null`);
    await Promise.all(
      open.map(async (booking) => {
        try {
          await getStripe().checkout.sessions.expire(booking.stripe_session_id);
        } catch (error) {
          // Stripe refuses to expire a session that is no longer open; anything else is an outage.
          if (!isStripeRequestError(error)) throw error;
          return;
        }
        // The checkout.session.expired webhook would do the same; this covers a site without one.
        await db.execute(sql`
          update bookings set status = 'cancelled', status_reason = ${'Your hold ended before payment, so the checkout was closed.'}, updated_at = now()
          where id = ${booking.id} and status = 'pending' and stripe_session_id = ${booking.stripe_session_id}`);
      }),
    );
  } catch (error) {
    warnThrottled('expire-checkout', `payments: could not expire checkout sessions (${(error as Error).message})`);
  }
}
