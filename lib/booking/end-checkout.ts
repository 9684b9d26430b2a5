import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { bookings, type BookingStatus } from '@/db/schema';
import { isUuid } from '@/lib/ids';
import { recordPaymentEvent, type PaymentEventRef } from './payment-events';
import type { CheckoutSessionLike } from './types';

const reasons = {
  failed: 'Your bank did not approve the payment. Your seats stay held until the timer runs out, so you can try again.',
  cancelled: 'The checkout closed before the payment was completed.',
} as const;

/**
 * A Checkout Session ended without money: its async payment failed, or it expired. Only a booking
 * still waiting on that very session changes, so an event arriving late (expired after completed,
 * or for a session the fan has since replaced) changes nothing. The hold is left alone: it ends
 * by its own expiry, and the fan may start a new payment meanwhile. A session that names no
 * booking of ours is not ours to record: `ours: false`, and nothing is written.
 */
export async function endCheckout(
  db: Database,
  input: {
    session: Pick<CheckoutSessionLike, 'id' | 'metadata'>;
    outcome: Extract<BookingStatus, 'failed' | 'cancelled'>;
  } & PaymentEventRef,
): Promise<{ changed: boolean; ours: boolean }> {
  const bookingId = input.session.metadata?.bookingId;
  if (!isUuid(bookingId)) return { changed: false, ours: false };
  const from: BookingStatus[] = input.outcome === 'cancelled' ? ['pending', 'failed'] : ['pending'];
  return db.transaction(async (tx) => {
    const changed = await tx
      .update(bookings)
      .set({ status: input.outcome, statusReason: reasons[input.outcome], updatedAt: sql`now()` })
      .where(and(eq(bookings.id, bookingId), eq(bookings.stripeSessionId, input.session.id), inArray(bookings.status, from)))
      .returning({ id: bookings.id });
    if (changed.length === 0) {
      const [known] = await tx.select({ id: bookings.id }).from(bookings).where(eq(bookings.id, bookingId));
      if (!known) return { changed: false, ours: false };
    }
    await recordPaymentEvent(tx, input);
    return { changed: changed.length > 0, ours: true };
  });
}
