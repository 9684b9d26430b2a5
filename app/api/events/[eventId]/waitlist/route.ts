import { db } from '@/db';
import { requireUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { cookieValue } from '@/lib/http/cookies';
import { privateJson } from '@/lib/http/private-json';
import { readJson, route } from '@/lib/http/route';
import { getKv } from '@/lib/kv';
import { getWaitlistEntry } from '@/lib/waitlist/get-waitlist-entry';
import { joinWaitlist } from '@/lib/waitlist/join-waitlist';
import { leaveWaitlist } from '@/lib/waitlist/leave-waitlist';
import { limitWaitlistChange } from '@/lib/waitlist/limit-waitlist';
import { parseJoinWaitlist } from '@/lib/waitlist/waitlist-input';
import { requireAdmission } from '@/lib/waiting-room/require-admission';

type Context = { params: Promise<{ eventId: string }> };

// The signed-in fan's own place on an event's waitlist: there is no id of anyone else's to name.

/** `{ entry }`, the fan's newest entry (waiting, offered, lapsed...) or null. */
export const GET = route(async (_request, { params }: Context) => {
  const user = await requireUser();
  const { eventId } = await params;
  return privateJson({ entry: await getWaitlistEntry(db, { userId: user.id, eventId }) });
});

/** Join: `{ quantity, maxPrice, section? }` -> 201 `{ entry }`; 409 when seats that fit are on sale or already listed. */
export const POST = route(async (request, { params }: Context) => {
  const user = await requireUser();
  const { eventId } = await params;
  await limitWaitlistChange(getKv(), user.id, request.headers);
  const input = parseJoinWaitlist(await readJson(request));
  // An offer is a hold: behind a waiting room, only an admitted fan may line up for one, or the
  // waitlist would be a way round the queue for seats freed during the on-sale.
  const header = request.headers.get('cookie');
  await requireAdmission(eventId, user.id, (name) => cookieValue(header, name));
  const entry = await joinWaitlist(db, { ...input, userId: user.id, eventId });
  return Response.json({ entry }, { status: 201, headers: { 'Cache-Control': 'private, no-store' } });
});

/** Leave: 200 `{ left: true }`; an open offer's seats are given back. 404 when not on the list. */
export const DELETE = route(async (request, { params }: Context) => {
  const user = await requireUser();
  const { eventId } = await params;
  await limitWaitlistChange(getKv(), user.id, request.headers);
  if (request.headers.get('content-length') && request.headers.get('content-length') !== '0') {
    throw new AppError('bad_request', 'Leaving the waitlist takes no body.');
  }
  await leaveWaitlist(db, getKv(), { userId: user.id, eventId });
  return privateJson({ left: true });
});
