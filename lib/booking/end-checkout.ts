import 'server-only';
import { sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Database } from '@/db';
import { isUuid } from '@/lib/ids';
import { recordStripeEvent } from '@/lib/payments/stripe-events';

const reasons = {
  failed: 'Your bank did not approve the payment. Your seats stay held until the timer runs out, so you can try again.',
  cancelled: 'The checkout closed before the payment was completed.',
} as const;

/**
 * A Checkout Session ended without money: its async payment failed, or it expired. Only a booking
 * still waiting on that very session changes, so an event arriving late (expired after completed,
 * or for a session the fan has since replaced) changes nothing. The hold is left alone: it ends
 * by its own expiry, and the fan may start a new payment meanwhile.
 */
export async function endCheckout(
  db: Database,
  input: { session: Pick<Stripe.Checkout.Session, 'id' | 'metadata'>; outcome: 'failed' | 'cancelled'; eventId?: string; eventType?: string },
): Promise<{ changed: boolean }> {
  const bookingId = input.session.metadata?.bookingId;
  return db.transaction(async (tx) => {
    await recordStripeEvent(tx, input.eventId, input.eventType);
    if (!isUuid(bookingId)) return { changed: false };
    const changed = await tx.execute(sql`
      update bookings set status = ${input.outcome}, status_reason = ${reasons[input.outcome]}, updated_at = now()
      where id = ${bookingId} and stripe_session_id = ${input.session.id}
        and status = any(${input.outcome === 'cancelled' ? '{pending,failed}' : '{pending}'}::booking_status[])
      returning id`);
    return { changed: changed.length > 0 };
  });
}
