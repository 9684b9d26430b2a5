import 'server-only';
import type Stripe from 'stripe';
import type { Database } from '@/db';
import { endCheckout } from '@/lib/booking/end-checkout';
import { fulfilBooking } from '@/lib/booking/fulfil-booking';
import { AppError } from '@/lib/errors';
import { stripeEventProcessed } from './stripe-events';

export type HandledEvent = { received: true; outcome: 'processed' | 'duplicate' | 'ignored' };

/** Applies one verified Stripe event. Safe to call with the same event any number of times. */
export async function handleStripeEvent(db: Database, event: Stripe.Event): Promise<HandledEvent> {
  if (await stripeEventProcessed(db, event.id)) return { received: true, outcome: 'duplicate' };
  const ids = { eventId: event.id, eventType: event.type };
  try {
    switch (event.type) {
      case 'checkout.session.completed':
      case 'checkout.session.async_payment_succeeded':
        await fulfilBooking(db, event.data.object, ids);
        return { received: true, outcome: 'processed' };
      case 'checkout.session.async_payment_failed':
        await endCheckout(db, { session: event.data.object, outcome: 'failed', ...ids });
        return { received: true, outcome: 'processed' };
      case 'checkout.session.expired':
        await endCheckout(db, { session: event.data.object, outcome: 'cancelled', ...ids });
        return { received: true, outcome: 'processed' };
      default:
        return { received: true, outcome: 'ignored' };
    }
  } catch (error) {
    // A session that is not one of our bookings (another product on the same Stripe account):
    // acknowledge it, or Stripe would retry it for days.
    if (error instanceof AppError && error.code === 'not_found') return { received: true, outcome: 'ignored' };
    throw error;
  }
}
