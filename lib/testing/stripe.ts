import Stripe from 'stripe';
import { signatureHeader } from '../../scripts/stripe-standin/sign';
import { baseUrl } from './http';
import { testStandInPorts } from './server-env';

// Tests reach the Stripe stand-in that the server under test uses (STRIPE_API_URL, set by
// setup-env) with the real SDK, and deliver webhooks to the server signed as Stripe would.

const apiUrl = new URL(process.env.STRIPE_API_URL ?? `http://127.0.0.1:${testStandInPorts.stripe}`);
export const standInUrl = apiUrl.origin;
export const webhookSecret = process.env.STRIPE_WEBHOOK_SECRET ?? 'whsec_local_standin_secret';

export function testStripe(): Stripe {
  return new Stripe(process.env.STRIPE_SECRET_KEY ?? 'sk_test_local_standin', {
    host: apiUrl.hostname,
    port: Number(apiUrl.port),
    protocol: 'http',
    maxNetworkRetries: 0,
  });
}

export type TestEvent = { id: string; type: string; data: { object: Stripe.Checkout.Session } } & Record<string, unknown>;

/** Pays a session as the hosted page would, without delivering the webhook: the test does that. */
export async function payWithoutWebhook(sessionId: string): Promise<{ session: Stripe.Checkout.Session; event: TestEvent }> {
  const response = await fetch(`${standInUrl}/_standin/checkout/sessions/${sessionId}/pay?deliver=0`, { method: 'POST' });
  if (!response.ok) throw new Error(`stand-in pay failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as { session: Stripe.Checkout.Session; event: TestEvent };
}

export function sessionEvent(
  type: string,
  session: Stripe.Checkout.Session,
  id = `evt_test_${Math.random().toString(36).slice(2)}`,
): TestEvent {
  return { id, object: 'event', type, created: Math.floor(Date.now() / 1000), livemode: false, data: { object: session } };
}

export async function deliverWebhook(
  event: unknown,
  opts: { signature?: string | null; secret?: string; timestamp?: number } = {},
): Promise<{ status: number; body: unknown }> {
  const payload = JSON.stringify(event);
  const signature = opts.signature === undefined ? signatureHeader(payload, opts.secret ?? webhookSecret, opts.timestamp) : opts.signature;
  const response = await fetch(`${baseUrl}/api/webhooks/stripe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'stripe-signature': signature }) },
    body: payload,
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep the text for the assertion message
  }
  return { status: response.status, body };
}
