import { db } from '@/db';
import { getSessionUser } from '@/lib/auth/session';
import { settleCheckoutReturn } from '@/lib/booking/settle-checkout-return';
import { signInHref } from '@/lib/callback-url';
import { route } from '@/lib/http/route';

// Stripe Checkout's success_url. The return settles here, in a route handler, then redirects to
// the booking page, which only reads (pages never write during a GET render). The Location is
// relative: behind `next start` request.url names the server's own host, and a redirect there
// would drop the cookies the browser holds for its host.
export const GET = route(async (request) => {
  const sessionId = new URL(request.url).searchParams.get('session_id') ?? '';
  const user = await getSessionUser();
  const see = (location: string) =>
    new Response(null, { status: 303, headers: { Location: location, 'Cache-Control': 'private, no-store' } });
  if (!user) return see(signInHref(`/api/checkout/return?session_id=${encodeURIComponent(sessionId)}`));
  const { bookingId } = await settleCheckoutReturn(db, { userId: user.id, sessionId });
  return see(`/bookings/${bookingId}`);
});
