import { NextResponse } from 'next/server';
import { db } from '@/db';
import { getSessionUser } from '@/lib/auth/session';
import { signInHref } from '@/lib/callback-url';
import { env } from '@/lib/env';
import { isUuid } from '@/lib/ids';
import { getKv } from '@/lib/kv';
import { admissionCookieName } from '@/lib/waiting-room/admission-token';
import { admitFan } from '@/lib/waiting-room/admit';

type Context = { params: Promise<{ eventId: string }> };

// Where the queue page sends an admitted fan: sets the admission cookie, then on to the event.
// Anyone not (or no longer) admitted goes back to the queue page, which explains why.
export async function GET(_request: Request, { params }: Context) {
  const { eventId } = await params;
  // A relative Location: behind `next start` request.url names the server's own host
  // (localhost), and a redirect there would drop the cookies the browser holds for its host.
  const back = (path: string) => new NextResponse(null, { status: 303, headers: { Location: path } });
  if (!isUuid(eventId)) return back('/');
  const user = await getSessionUser();
  if (!user) return back(signInHref(`/queue/${eventId}`));
  const admission = await admitFan(db, getKv(), eventId, user.id).catch(() => null);
  if (!admission) return back(`/queue/${eventId}`);
  const response = back(`/events/${eventId}`);
  response.cookies.set(admissionCookieName(eventId), admission.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: env.NEXTAUTH_URL?.startsWith('https://') ?? false,
    path: '/',
    expires: new Date(admission.expiresAt),
  });
  return response;
}
