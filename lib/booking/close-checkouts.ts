import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { bookings } from '@/db/schema';
import { uuidArray } from '@/db/sql-helpers';
import { warnThrottled } from '@/lib/log';
import { expireCheckoutSession } from '@/lib/payments/checkout';
import { paymentsConfigured } from '@/lib/payments/stripe';

const closedReason = 'Your hold ended before payment, so the checkout was closed.';

/**
 * A hold that ended (released or expired) must not be paid for any more: cancel its pending
 * booking, then expire its open Checkout Session. The booking is cancelled first, in one guarded
 * statement, so a request still opening a session for it (start-payment.ts) finds its attempt
 * gone and expires the session it got instead of recording it. Best effort and never throws:
 * called after the hold's own transaction committed, and a session that is already complete or
 * expired is fine (a payment that won the race is settled by fulfilment).
 */
export async function closeCheckouts(db: Database, reservationIds: string[]): Promise<void> {
  if (reservationIds.length === 0 || !paymentsConfigured()) return;
  try {
    const closed = await db
      .update(bookings)
      .set({ status: 'cancelled', statusReason: closedReason, checkoutAttempt: null, updatedAt: sql`now()` })
      .where(and(sql`${bookings.reservationId} = any(${uuidArray(reservationIds)})`, eq(bookings.status, 'pending')))
      .returning({ sessionId: bookings.stripeSessionId });
    await Promise.all(closed.flatMap((b) => (b.sessionId ? [expireCheckoutSession(b.sessionId)] : [])));
  } catch (error) {
    warnThrottled('close-checkouts', `payments: could not close checkouts (${(error as Error).message})`);
  }
}
