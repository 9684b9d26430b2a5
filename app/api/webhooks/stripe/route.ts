import { db } from '@/db';
import { route } from '@/lib/http/route';
import { handleStripeEvent } from '@/lib/payments/handle-stripe-event';
import { verifyStripeWebhook } from '@/lib/payments/verify-webhook';

// Stripe's deliveries. The signature covers the raw bytes, so the body is read as text, never
// parsed first. 400 on a bad signature (nothing changes); 5xx makes Stripe retry later.
export const POST = route(async (request) => {
  const event = verifyStripeWebhook(await request.text(), request.headers.get('stripe-signature'));
  return Response.json(await handleStripeEvent(db, event));
});
