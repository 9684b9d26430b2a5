import 'server-only';
import type Stripe from 'stripe';
import { z } from 'zod';
import type { Database } from '@/db';
import { AppError } from '@/lib/errors';
import { endCheckout } from './end-checkout';
import { fulfilBooking } from './fulfil-booking';
import { paymentEventProcessed } from './payment-events';
import type { CheckoutSessionLike } from './types';

export type HandledEvent = { received: true; outcome: 'processed' | 'duplicate' | 'ignored' };

const checkoutTypes = new Set([
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'checkout.session.expired',
]);

// The parts of an event this code reads. A signed event is Stripe's, but its shape is still
// checked: a null `data.object`, or a field of another type, must be acknowledged and ignored, not
// answered 500 (Stripe would retry it for days).
const eventShape = z.object({ id: z.string().min(1).max(255), type: z.string().min(1).max(255) });
const sessionShape = z.object({
  id: z.string().min(1).max(255),
  payment_status: z.string().nullish(),
  payment_intent: z.union([z.string(), z.object({ id: z.string() })]).nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  client_reference_id: z.string().nullish(),
});

/**
 * Applies one verified Stripe event: a paid session is fulfilled, a failed or expired one ends its
 * checkout; anything else is acknowledged. Safe to call with the same event any number of times.
 */
export async function handlePaymentEvent(db: Database, event: Stripe.Event): Promise<HandledEvent> {
  const head = eventShape.safeParse(event);
  if (!head.success || !checkoutTypes.has(head.data.type)) return { received: true, outcome: 'ignored' };
  const parsed = sessionShape.safeParse((event.data as { object?: unknown } | null | undefined)?.object);
  if (!parsed.success) return { received: true, outcome: 'ignored' };
  const session = parsed.data as CheckoutSessionLike;
  const ref = { eventId: head.data.id, eventType: head.data.type };

  if (await paymentEventProcessed(db, ref.eventId)) return { received: true, outcome: 'duplicate' };
  try {
    if (ref.eventType === 'checkout.session.completed' || ref.eventType === 'checkout.session.async_payment_succeeded') {
      await fulfilBooking(db, session, ref);
    } else {
      const ended = await endCheckout(db, {
        session,
        outcome: ref.eventType === 'checkout.session.expired' ? 'cancelled' : 'failed',
        ...ref,
      });
      if (!ended.ours) return { received: true, outcome: 'ignored' };
    }
    return { received: true, outcome: 'processed' };
  } catch (error) {
    // A session that is not one of our bookings (another product on the same Stripe account, or
    // metadata that names a booking of another hold): acknowledge it, or Stripe would retry it
    // for days.
    if (error instanceof AppError && (error.code === 'not_found' || error.code === 'bad_request'))
      return { received: true, outcome: 'ignored' };
    throw error;
  }
}
