import 'server-only';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db';
import { bookings } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { retrieveCheckoutSession } from '@/lib/payments/checkout';
import { fulfilBooking } from './fulfil-booking';
import { markPaymentSubmitted } from './mark-payment-submitted';

const sessionIdPattern = /^cs_[A-Za-z0-9_]{1,250}$/;

/**
 * The fan is back from Checkout, maybe before the webhook: if their booking still waits on this
 * session, ask Stripe about it and fulfil it when paid (the same idempotent fulfilment the webhook
 * runs). Returns the booking to show. A session that is unknown or another fan's reads as missing
 * (404). Stripe being unreachable is not an error here: the booking page shows the payment as
 * pending and polls, and the webhook still comes.
 */
export async function settleCheckoutReturn(db: Database, input: { userId: string; sessionId: string }): Promise<{ bookingId: string }> {
  if (!sessionIdPattern.test(input.sessionId)) throw new AppError('not_found', 'No such checkout.');
  const [booking] = await db
    .select({ id: bookings.id, userId: bookings.userId, status: bookings.status })
    .from(bookings)
    .where(eq(bookings.stripeSessionId, input.sessionId));
  if (!booking || booking.userId !== input.userId) throw new AppError('not_found', 'No such checkout.');
  // Settled already. A pending booking, or one whose hold ended while the fan paid, is asked about.
  if (booking.status === 'confirmed' || booking.status === 'refunded') return { bookingId: booking.id };

  let finished = true;
  try {
    const session = await retrieveCheckoutSession(input.sessionId);
    if (session.metadata?.bookingId === booking.id && session.payment_status === 'paid') await fulfilBooking(db, session);
    finished = session.status === 'complete';
  } catch (error) {
    // Stripe sends the fan here only once the checkout is complete: until it can be asked, the
    // booking is "confirming" (and the webhook settles it).
    console.warn(`payments: could not settle checkout ${input.sessionId} on return (${(error as Error).message})`);
  }
  if (finished) await markPaymentSubmitted(db, { bookingId: booking.id, sessionId: input.sessionId });
  return { bookingId: booking.id };
}
