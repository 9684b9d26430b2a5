import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { bookings } from '@/db/schema';

/**
 * Stripe says the fan finished this checkout but the money is not confirmed yet (a delayed
 * payment method, or the return from Checkout before Stripe could be asked): the booking is now
 * "confirming", not "not paid". Only a booking still pending on that very session changes.
 */
export async function markPaymentSubmitted(db: DbOrTx, input: { bookingId: string; sessionId: string }): Promise<boolean> {
  const changed = await db
    .update(bookings)
    .set({ paymentSubmittedAt: sql`now()`, updatedAt: sql`now()` })
    .where(
      and(
        eq(bookings.id, input.bookingId),
        eq(bookings.stripeSessionId, input.sessionId),
        eq(bookings.status, 'pending'),
        isNull(bookings.paymentSubmittedAt),
      ),
    )
    .returning({ id: bookings.id });
  return changed.length > 0;
}
