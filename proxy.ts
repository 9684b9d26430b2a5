import { NextResponse, type NextRequest } from 'next/server';
import { db } from '@/db';
import { getKv } from '@/lib/kv';
import { gate } from '@/lib/waiting-room/gate';
import { queuedEventIds } from '@/lib/waiting-room/queued-events';
import { admissionSecretKey } from '@/lib/waiting-room/token-key';

// The waiting-room gate (Node runtime). The booking routes of a queued event need an admission
// token: pages without one go to the queue, API calls get 403 queue_required. The check reads
// an in-memory list and verifies an HMAC, never the database or Redis (see lib/waiting-room/gate.ts).
export async function proxy(request: NextRequest) {
  // A server action posts to the page's URL; it checks admission itself (requireAdmission) and
  // answers with a form error, which a redirect here would turn into a broken action call.
  if (request.headers.has('next-action')) return NextResponse.next();
  const decision = await gate(
    { pathname: request.nextUrl.pathname, cookie: (name) => request.cookies.get(name)?.value },
    await queuedEventIds(db, getKv(), { fresh: false }),
    admissionSecretKey(),
  );
  if (decision.allow) return NextResponse.next();
  if (decision.api) {
    return NextResponse.json(
      {
        error: {
          code: 'queue_required',
          message: 'This on-sale has a waiting room. Join the queue to book seats.',
          details: { queueUrl: `/queue/${decision.eventId}` },
        },
      },
      { status: 403 },
    );
  }
  return NextResponse.redirect(new URL(`/queue/${decision.eventId}`, request.url));
}

export const config = {
  matcher: ['/events/:eventId', '/api/events/:eventId/best-available'],
};
