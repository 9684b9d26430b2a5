import 'server-only';
import type Stripe from 'stripe';
import { env } from '@/lib/env';
import { getStripe } from './stripe';

export type CheckoutLine = { name: string; unitAmount: number };

// Stripe's minimum lifetime for a Checkout Session. The hold (15 minutes once payment starts)
// ends first; the sweeper then expires the session, and a payment that still lands after the
// hold is settled by fulfilBooking (sold if the seats are free, refunded if not).
const checkoutSessionMinutes = 30;

function siteUrl(): string {
  return (env.NEXTAUTH_URL ?? 'http://localhost:3000').replace(/\/$/, '');
}

export async function createCheckoutSession(input: {
  bookingId: string;
  reservationId: string;
  currency: string;
  email?: string;
  lines: CheckoutLine[];
}): Promise<Stripe.Checkout.Session> {
  const site = siteUrl();
  // No explicit idempotency key: the SDK adds one to every POST it retries.
  return getStripe().checkout.sessions.create({
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
      success_url: `${site}/bookings/${input.bookingId}?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${site}/reservations/${input.reservationId}?checkout=cancelled`,
    expires_at: Math.floor(Date.now() / 1000) + checkoutSessionMinutes * 60,
  });
}
