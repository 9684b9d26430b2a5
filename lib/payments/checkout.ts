import 'server-only';
import type Stripe from 'stripe';
import { env } from '@/lib/env';
import { getStripe, isStripeRequestError } from './stripe';

export type CheckoutLine = { name: string; unitAmount: number };

// Stripe's minimum lifetime for a Checkout Session. The hold (15 minutes once payment starts)
// ends first; the sweeper then expires the session, and a payment that still lands after the
// hold is settled by fulfilment (sold if the seats are free, refunded if not).
const checkoutSessionMinutes = 30;

function siteUrl(): string {
  return (env.NEXTAUTH_URL ?? 'http://localhost:3000').replace(/\/$/, '');
}

/** Where Stripe sends the fan after paying: a route handler settles, then redirects. */
export function checkoutReturnPath(): string {
  return '/api/checkout/return';
}

export async function createCheckoutSession(input: {
  bookingId: string;
  reservationId: string;
  currency: string;
  email?: string;
  lines: CheckoutLine[];
  /** One key per attempt, so a retried request (ours or the SDK's) opens one session. */
  idempotencyKey: string;
}): Promise<Stripe.Checkout.Session> {
  const site = siteUrl();
  return getStripe().checkout.sessions.create(
    {
      mode: 'payment',
      // Prices are all-in (fees included) and in minor units already: what the fan saw is charged.
      line_items: input.lines.map((line) => ({
        quantity: 1,
        price_data: { currency: input.currency.toLowerCase(), unit_amount: line.unitAmount, product_data: { name: line.name } },
      })),
      client_reference_id: input.reservationId,
      metadata: { reservationId: input.reservationId, bookingId: input.bookingId },
      payment_intent_data: { metadata: { reservationId: input.reservationId, bookingId: input.bookingId } },
      ...(input.email ? { customer_email: input.email } : {}),
      success_url: `${site}${checkoutReturnPath()}?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${site}/reservations/${input.reservationId}?checkout=cancelled`,
      expires_at: Math.floor(Date.now() / 1000) + checkoutSessionMinutes * 60,
    },
    { idempotencyKey: input.idempotencyKey },
  );
}

export function retrieveCheckoutSession(sessionId: string): Promise<Stripe.Checkout.Session> {
  return getStripe().checkout.sessions.retrieve(sessionId);
}

/**
 * Closes an open session so it can no longer be paid. 'not_open' when Stripe refuses because it
 * is already complete or expired (a payment that won that race is settled by fulfilment);
 * anything else (an outage) throws.
 */
export async function expireCheckoutSession(sessionId: string): Promise<'expired' | 'not_open'> {
  try {
    await getStripe().checkout.sessions.expire(sessionId);
    return 'expired';
  } catch (error) {
    if (isStripeRequestError(error)) return 'not_open';
    throw error;
  }
}
