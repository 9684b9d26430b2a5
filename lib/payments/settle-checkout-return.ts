import 'server-only';
import type { Database } from '@/db';
import { fulfilBooking, type FulfilResult } from '@/lib/booking/fulfil-booking';
import { getStripe } from './stripe';

/**
 * The fan is back from Checkout before (or instead of) the webhook: ask Stripe about the session
 * and fulfil if it is paid. The caller has checked that the booking is the fan's and names this
 * session; a session for another booking is ignored. Returns null when nothing could be settled
 * (unpaid yet, or Stripe unreachable: the page keeps polling and the webhook still comes).
 */
export async function settleCheckoutReturn(db: Database, input: { bookingId: string; sessionId: string }): Promise<FulfilResult | null> {
  try {
    const session = await getStripe().checkout.sessions.retrieve(input.sessionId);
    if (session.metadata?.bookingId !== input.bookingId || session.payment_status !== 'paid') return null;
    return await fulfilBooking(db, session);
  } catch (error) {
    console.warn(`payments: could not settle checkout ${input.sessionId} on return (${(error as Error).message})`);
    return null;
  }
}
