import 'server-only';
import type Stripe from 'stripe';
import { getStripe } from './stripe';

/**
 * Refunds a whole payment. The idempotency key makes every caller with the same key (webhook
 * retries, the return from Checkout) share one refund.
 */
export function refundPayment(input: {
  paymentIntentId: string;
  idempotencyKey: string;
  metadata?: Record<string, string>;
}): Promise<Stripe.Refund> {
  return getStripe().refunds.create(
    { payment_intent: input.paymentIntentId, ...(input.metadata ? { metadata: input.metadata } : {}) },
    { idempotencyKey: input.idempotencyKey },
  );
}
