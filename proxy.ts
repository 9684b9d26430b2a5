import { NextResponse, type NextRequest } from 'next/server';
import { db } from '@/db';
import { getKv } from '@/lib/kv';
import { errorBody, AppError } from '@/lib/errors';
import { gate } from '@/lib/waiting-room/gate';
import { queuedEventIds } from '@/lib/waiting-room/queued-events';
import { admissionSecretKey } from '@/lib/waiting-room/token-key';

// The waiting-room gate (Node runtime), and the one place every dynamic URL passes first. The
// booking routes of a queued event need an admission token: pages without one go to the queue,
// API calls get 403 queue_required. The check reads an in-memory list and verifies an HMAC,
// never the database or Redis (see lib/waiting-room/gate.ts).
//
// Server actions post to the page's URL and are let through: they cannot be redirected (the
// client expects an action result), and every action that holds seats goes through the one
// guarded door (lib/booking/hold-seats.ts), which checks the admission and binds it to the fan.
//
// The event page is public and kept by edges (next.config.mjs), but while its event is queued
// the answer depends on the cookie: the page for an admitted fan, the queue for everyone else.
// Both answers are then private, no-store, so an edge never stores either and every fan is
// judged here. A copy an edge stored before the queue opened lives on for at most the page's
// s-maxage plus stale-while-revalidate (about five seconds); the page's private island asks
// GET /api/me/holds meanwhile and sends a fan without admission to the queue, and no hold is
// taken without one (lib/booking/hold-seats.ts).
const judgedPerFan = 'private, no-store';
// next.config.mjs sets the same limit; Next enforces it by throwing mid-read, which answers 500.
const maxActionBodyBytes = 64 * 1024;

export async function proxy(request: NextRequest) {
  const pathname = request.nextUrl.pathname;
  if (request.headers.has('next-action')) {
    // Actions post to pages, never to the API; Next left such a request unanswered now and then.
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      return NextResponse.json(errorBody(new AppError('bad_request', 'Server actions are not posted to the API.')), { status: 400 });
    }
    const refused = refuseActionBody(request);
    if (refused) return refused;
  }
  const decision = await gate(
    { pathname, cookie: (name) => request.cookies.get(name)?.value },
    await queuedEventIds(db, getKv(), { fresh: false }),
    admissionSecretKey(),
  );
  if (decision.allow) {
    const response = NextResponse.next();
    if (decision.queued) response.headers.set('Cache-Control', judgedPerFan);
    return response;
  }
  if ('malformed' in decision) {
    if (decision.api) {
      return NextResponse.json(errorBody(new AppError('bad_request', 'The URL is not validly encoded.')), { status: 400 });
    }
    // A path that names nothing: the site's 404 page, never Next's plain-text 500.
    return NextResponse.rewrite(new URL('/not-found', request.url));
  }
  if ('redirect' in decision) {
    const url = request.nextUrl.clone();
    url.pathname = decision.redirect;
    return NextResponse.redirect(url, 308);
  }
  if (request.headers.has('next-action')) return NextResponse.next();
  if (decision.api) {
    return NextResponse.json(
      errorBody(
        new AppError('queue_required', 'This on-sale has a waiting room. Join the queue to book seats.', {
          queueUrl: `/queue/${decision.eventId}`,
        }),
      ),
      { status: 403 },
    );
  }
  const toQueue = NextResponse.redirect(new URL(`/queue/${decision.eventId}`, request.url));
  toQueue.headers.set('Cache-Control', judgedPerFan);
  return toQueue;
}

/**
 * A server action's body is a few fields. Browsers always send its length; one that is missing
 * (a chunked upload) or too large is refused here, before Next reads it.
 */
function refuseActionBody(request: NextRequest): NextResponse | null {
  if (request.method !== 'POST') return null;
  const length = request.headers.get('content-length');
  if (length === null) {
    return NextResponse.json(errorBody(new AppError('bad_request', 'Send the length of the request body.')), { status: 411 });
  }
  if (!/^\d+$/.test(length) || Number(length) > maxActionBodyBytes) {
    return NextResponse.json(errorBody(new AppError('payload_too_large', 'The request body is larger than 64 KB.')), { status: 413 });
  }
  return null;
}

export const config = {
  matcher: [
    // Every route with a dynamic segment (a malformed %XX there was Next's plain-text 500), which
    // includes the guarded booking routes. Static assets never pass.
    '/events/:path*',
    '/queue/:path*',
    '/reservations/:path*',
    '/bookings/:path*',
    // Every API route but the hold itself and search: POST /api/reservations names its event in
    // the body, so the gate has nothing to judge there, and the one guarded door
    // (lib/booking/hold-seats.ts) checks the admission; GET /api/events/search is a static path
    // that names no event and holds nothing. Skipping the proxy saves each a pass through it.
    '/api/:path((?!reservations$|events/search$).*)',
    // Server actions, on whatever page they are posted to.
    { source: '/:path*', has: [{ type: 'header', key: 'next-action' }] },
  ],
};
