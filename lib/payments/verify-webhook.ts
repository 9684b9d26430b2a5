import 'server-only';
import type Stripe from 'stripe';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { getStripe } from './stripe';

/**
 * Checks the Stripe-Signature header over the raw body (re-serialised JSON would not match) with
 * the endpoint secret; constructEvent also refuses a timestamp older than 5 minutes, so a captured
 * delivery cannot be replayed later.
 */
export function verifyStripeWebhook(payload: string, signature: string | null): Stripe.Event {
  if (!env.STRIPE_WEBHOOK_SECRET) throw new AppError('unavailable', 'Stripe webhooks are not configured.');
  if (!signature) throw new AppError('bad_request', 'Missing Stripe-Signature header.');
  try {
    return getStripe().webhooks.constructEvent(payload, signature, env.STRIPE_WEBHOOK_SECRET);
  } catch {
    throw new AppError('bad_request', 'Invalid Stripe signature.');
  }
}
