import { db } from '@/db';
import { requireUser } from '@/lib/auth/session';
import { startPayment } from '@/lib/booking/start-payment';
import { route } from '@/lib/http/route';
import { getKv } from '@/lib/kv';

type Context = { params: Promise<{ reservationId: string }> };

// Starts Stripe Checkout for the caller's hold. The body (`{ paymentDetails? }`) is not needed:
// card details are typed on Stripe's page, never sent here.
export const POST = route(async (_request, { params }: Context) => {
  const user = await requireUser();
  const { reservationId } = await params;
  const { bookingId, status, checkoutUrl, expiresAt } = await startPayment(db, getKv(), { userId: user.id, reservationId });
  return Response.json({ bookingId, status, checkoutUrl, expiresAt }, { headers: { 'Cache-Control': 'private, no-store' } });
});
