import 'server-only';
import Stripe from 'stripe';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';

// The one Stripe client. STRIPE_API_URL points the real SDK at the local stand-in
// (scripts/stripe-standin), so development and tests run the production code path.
let client: Stripe | undefined;

export function paymentsConfigured(): boolean {
  return Boolean(env.STRIPE_SECRET_KEY);
}

export function getStripe(): Stripe {
  if (!env.STRIPE_SECRET_KEY) throw new AppError('unavailable', 'Payments are not set up on this site yet.');
  client ??= new Stripe(env.STRIPE_SECRET_KEY, { ...apiLocation(env.STRIPE_API_URL), maxNetworkRetries: 2, timeout: 20_000 });
  return client;
}

function apiLocation(apiUrl: string | undefined): { host?: string; port?: number; protocol?: 'http' | 'https' } {
  if (!apiUrl) return {};
  const url = new URL(apiUrl);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: Number(url.port || (protocol === 'http' ? 80 : 443)), protocol };
}

/** Stripe's error for a request it refused (as opposed to a network failure). */
export function isStripeRequestError(error: unknown): error is Stripe.errors.StripeInvalidRequestError {
  return error instanceof Stripe.errors.StripeInvalidRequestError;
}
