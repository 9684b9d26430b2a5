import { db } from '@/db';
import { routeFanRequest } from '@/lib/actions/fan-request';
import { requireUserFromCookie } from '@/lib/auth/session';
import { holdSeats } from '@/lib/booking/hold-seats';
import { AppError } from '@/lib/errors';
import { readJson, requireObject, route } from '@/lib/http/route';
import { jsonResponse } from '@/lib/http/json';
import { getKv } from '@/lib/kv';

export const POST = route(async (request, { params }: { params: Promise<{ eventId: string }> }) => {
  const user = await requireUserFromCookie(request);
  const { eventId } = await params;
  const body = requireObject(await readJson(request));
  // The path names the event (and is what the waiting-room gate checked); a body may not name another.
  if ('eventId' in body) throw new AppError('bad_request', 'The event is named by the URL; leave eventId out of the body.');
  const hold = await holdSeats(db, getKv(), routeFanRequest(request, user), 'api-best', { ...body, eventId });
  return jsonResponse(
    { reservationId: hold.reservationId, expiresAt: hold.expiresAt.toISOString(), ticketIds: hold.ticketIds },
    { status: 201, headers: { Location: `/api/reservations/${hold.reservationId}` } },
  );
});
