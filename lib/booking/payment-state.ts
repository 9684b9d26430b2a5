import type { BookingStatus } from '@/db/schema';

/**
 * What a fan is told about the money, from a booking's status: only a payment Stripe confirmed
 * is "paid", and only a checkout the fan finished is "confirming". A checkout opened and left,
 * declined or closed is "not paid", whatever the booking row is still waiting for.
 */
export type PaymentState = 'not_paid' | 'confirming' | 'paid' | 'refunded';

export function paymentState(status: BookingStatus, paymentSubmitted: boolean): PaymentState {
  if (status === 'confirmed') return 'paid';
  if (status === 'refunded') return 'refunded';
  if (status === 'pending' && paymentSubmitted) return 'confirming';
  return 'not_paid';
}
