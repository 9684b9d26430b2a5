import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStripeStandIn } from './server';

// The stand-in driven by the real SDK, as the app drives it, and its webhooks checked by the
// SDK's own signature verification.
const secret = 'whsec_standin_test';
let standIn: Awaited<ReturnType<typeof startStripeStandIn>>;
let receiver: Server;
let stripe: Stripe;
const received: Array<{ signature: string; body: string }> = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ signature: String(req.headers['stripe-signature']), body });
      res.end('{}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  standIn = await startStripeStandIn({ port: 0, webhookUrl: hook, webhookSecret: secret });
  const url = new URL(standIn.url);
  stripe = new Stripe('sk_test_local_standin', { host: url.hostname, port: Number(url.port), protocol: 'http', maxNetworkRetries: 0 });
});
afterAll(async () => {
  await standIn.close();
  await new Promise((r) => receiver.close(r));
});

const params = (): Stripe.Checkout.SessionCreateParams => ({
  mode: 'payment',
  line_items: [
    { quantity: 1, price_data: { currency: 'usd', unit_amount: 5000, product_data: { name: 'Row A, seat 1' } } },
    { quantity: 1, price_data: { currency: 'usd', unit_amount: 6000, product_data: { name: 'Row A, seat 2' } } },
  ],
  client_reference_id: 'res_1',
  metadata: { bookingId: 'b1', reservationId: 'r1' },
  success_url: 'http://app.test/bookings/b1?session_id={CHECKOUT_SESSION_ID}',
  cancel_url: 'http://app.test/reservations/r1',
  expires_at: Math.floor(Date.now() / 1000) + 1800,
});

async function waitForWebhook(type: string) {
  for (let i = 0; i < 50; i++) {
    const hit = received.find((r) => JSON.parse(r.body).type === type);
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no ${type} webhook`);
}

describe('Stripe stand-in', () => {
  it('creates and retrieves sessions from nested form bodies, with Stripe-shaped errors', async () => {
    const session = await stripe.checkout.sessions.create(params());
    expect(session).toMatchObject({
      object: 'checkout.session',
      status: 'open',
      payment_status: 'unpaid',
      amount_total: 11000,
      currency: 'usd',
      metadata: { bookingId: 'b1' },
    });
    expect(session.url).toBe(`${standIn.url}/checkout/${session.id}`);
    expect((await stripe.checkout.sessions.retrieve(session.id)).id).toBe(session.id);

    await expect(stripe.checkout.sessions.create({ ...params(), expires_at: Math.floor(Date.now() / 1000) + 60 })).rejects.toBeInstanceOf(
      Stripe.errors.StripeInvalidRequestError,
    );
    await expect(stripe.checkout.sessions.retrieve('cs_nope')).rejects.toMatchObject({ statusCode: 404 });
    const wrongKey = new Stripe('sk_test_wrong', {
      host: '127.0.0.1',
      port: Number(new URL(standIn.url).port),
      protocol: 'http',
      maxNetworkRetries: 0,
    });
    await expect(wrongKey.checkout.sessions.retrieve(session.id)).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
  });

  it('declines 4000 0000 0000 0002 and keeps the session open; 4242 pays, signs the webhook and redirects', async () => {
    const session = await stripe.checkout.sessions.create(params());
    const pay = (card: string) =>
      fetch(session.url!, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: 'fan@example.test', card, expiry: '12 / 40', cvc: '123' }),
      });
    const declined = await pay('4000 0000 0000 0002');
    expect(declined.status).toBe(402);
    expect(await declined.text()).toContain('Your card was declined');
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');

    const paid = await pay('4242 4242 4242 4242');
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(`http://app.test/bookings/b1?session_id=${session.id}`);
    const hook = await waitForWebhook('checkout.session.completed');
    const event = stripe.webhooks.constructEvent(hook.body, hook.signature, secret);
    const completed = event.data.object as Stripe.Checkout.Session;
    expect(completed).toMatchObject({ id: session.id, payment_status: 'paid', status: 'complete' });
    const intent = await stripe.paymentIntents.retrieve(completed.payment_intent as string);
    expect(intent).toMatchObject({ status: 'succeeded', amount: 11000 });

    // Refunds are idempotent by key, and a second full refund is refused.
    const refund = await stripe.refunds.create({ payment_intent: intent.id }, { idempotencyKey: 'refund:b1' });
    expect((await stripe.refunds.create({ payment_intent: intent.id }, { idempotencyKey: 'refund:b1' })).id).toBe(refund.id);
    await expect(stripe.refunds.create({ payment_intent: intent.id })).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect((await stripe.refunds.list({ payment_intent: intent.id })).data).toHaveLength(1);
  });

  it('expires an open session once and sends checkout.session.expired', async () => {
    const session = await stripe.checkout.sessions.create(params());
    expect((await stripe.checkout.sessions.expire(session.id)).status).toBe('expired');
    await expect(stripe.checkout.sessions.expire(session.id)).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    const hook = await waitForWebhook('checkout.session.expired');
    expect(stripe.webhooks.constructEvent(hook.body, hook.signature, secret).type).toBe('checkout.session.expired');
  });
});
