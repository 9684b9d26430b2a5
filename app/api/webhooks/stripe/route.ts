import { db } from '@/db';
import { handlePaymentEvent } from '@/lib/booking/handle-payment-event';
import { route } from '@/lib/http/route';
import { verifyStripeWebhook } from '@/lib/payments/verify-webhook';

// Stripe's deliveries. The signature covers the raw bytes, so the body is read as text, never
// parsed first. 400 on a bad signature or timestamp (nothing changes); 503 on a database fault,
// which makes Stripe retry later.
export const POST = route(async (request) => {
  const event = verifyStripeWebhook(await request.text(), request.headers.get('stripe-signature'));
  return Response.json(await handlePaymentEvent(db, event));
});
