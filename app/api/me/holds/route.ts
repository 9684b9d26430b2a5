import { db } from '@/db';
import { getSessionUser } from '@/lib/auth/session';
import { listHeldSeats } from '@/lib/booking/list-held-seats';
import { AppError } from '@/lib/errors';
import { cookieValue } from '@/lib/http/cookies';
import { privateJson } from '@/lib/http/private-json';
import { route } from '@/lib/http/route';
import { isUuid } from '@/lib/ids';
import { getKv } from '@/lib/kv';
import { admissionNeeded } from '@/lib/waiting-room/admission-needed';
import { countArrival } from '@/lib/waiting-room/auto-queue';

// What of an event page is this fan's own: the seats they hold there (drawn as theirs on the
// map) and whether the waiting room wants them in the queue first. Every view of the page asks
// once, past any cache, so it is also where views are counted for an 'auto' waiting room (the
// page itself is now mostly served by the edge and never reaches an instance).
export const GET = route(async (request) => {
  const eventId = new URL(request.url).searchParams.get('eventId');
  if (!isUuid(eventId)) throw new AppError('bad_request', 'Name the event: ?eventId=<uuid>.');
  countArrival(db, getKv(), eventId);
  const user = await getSessionUser();
  const header = request.headers.get('cookie');
  const [seats, queueRequired] = await Promise.all([
    user ? listHeldSeats(db, user.id, eventId) : [],
    admissionNeeded(db, getKv(), eventId, user?.id ?? null, (name) => cookieValue(header, name)),
  ]);
  return privateJson({ seats, queueRequired });
});
