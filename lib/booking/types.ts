import type Stripe from 'stripe';
import type { BookingStatus } from '@/db/schema';

// Types shared by the operations of this folder. Statuses come from the schema's enums.

/** The fields of a Checkout Session that settling a payment reads. */
export type CheckoutSessionLike = Pick<
  Stripe.Checkout.Session,
  'id' | 'payment_status' | 'payment_intent' | 'metadata' | 'client_reference_id'
>;

export type FulfilResult = { bookingId: string; status: BookingStatus };

export type Hold = { reservationId: string; expiresAt: Date };
