import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { bookings } from '@/db/schema';
import { refundPayment } from '@/lib/payments/refund';
import { recordPaymentEvent, type PaymentEventRef } from './payment-events';

export const lostHoldReason =
  'Your payment arrived after your hold had run out and another fan had already taken some of your seats, so we refunded the full amount. Refunds usually reach your card within 5–10 days.';

/**
 * Gives the money back for a booking that fulfilment already marked refunded (its seats were
 * lost). Outside any transaction: no row stays locked while Stripe answers. The idempotency key
 * makes every caller that gets here (webhook retries, the return from Checkout) share one refund;
 * if Stripe fails, the delivery is not recorded, so Stripe retries it and this runs again.
 */
export async function refundLostHold(db: Database, input: { bookingId: string; paymentIntentId: string } & PaymentEventRef): Promise<void> {
  const refund = await refundPayment({
    paymentIntentId: input.paymentIntentId,
    idempotencyKey: `refund:${input.bookingId}`,
    metadata: { bookingId: input.bookingId },
  });
  await db.transaction(async (tx) => {
    await tx
      .update(bookings)
      .set({ stripeRefundId: refund.id, updatedAt: sql`now()` })
      .where(and(eq(bookings.id, input.bookingId), isNull(bookings.stripeRefundId)));
    await recordPaymentEvent(tx, input);
  });
}
