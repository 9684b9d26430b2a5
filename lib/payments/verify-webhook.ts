import 'server-only';
import type Stripe from 'stripe';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { getStripe } from './stripe';

// Stripe signs each delivery with the time it was sent. A delivery older than this could be a
// captured one replayed; one from further in the future than clock skew explains was signed
// with a forged clock (or by someone holding the secret ahead of time). Stripe's SDK checks only
// the past side, so the future side is checked here.
const toleranceSeconds = 300;

/**
 * Checks the Stripe-Signature header over the raw body (re-serialised JSON would not match) with
 * the endpoint secret, and the signed timestamp against the clock on both sides.
 */
export function verifyStripeWebhook(payload: string, signature: string | null, now = Date.now()): Stripe.Event {
  if (!env.STRIPE_WEBHOOK_SECRET) throw new AppError('unavailable', 'Stripe webhooks are not configured.');
  if (!signature) throw new AppError('bad_request', 'Missing Stripe-Signature header.');
  let event: Stripe.Event;
  try {
    event = getStripe().webhooks.constructEvent(payload, signature, env.STRIPE_WEBHOOK_SECRET, toleranceSeconds, undefined, now);
  } catch {
    throw new AppError('bad_request', 'Invalid Stripe signature.');
  }
  const signedAt = signedTimestamp(signature);
  if (signedAt === null || signedAt - Math.floor(now / 1000) > toleranceSeconds) {
    throw new AppError('bad_request', 'The Stripe signature timestamp is in the future.');
  }
  return event;
}

// Read as the SDK reads it (the last `t=` wins), so this checks the timestamp it verified.
function signedTimestamp(header: string): number | null {
  let timestamp: number | null = null;
  for (const item of header.split(',')) {
    const [key, value] = item.split('=');
    if (key === 't') timestamp = Number.parseInt(value ?? '', 10);
  }
  return timestamp !== null && Number.isFinite(timestamp) ? timestamp : null;
}
