import 'server-only';
import { db } from '@/db';
import type { HoldRequest } from '@/app/api/reservations/post-reservation';
import { holdSeats } from '@/lib/booking/hold-seats';
import { AppError, errorPlain } from '@/lib/errors';
import { fanRequest } from '@/lib/http/fan-request';
import { plainJson, type PlainResponse } from '@/lib/http/plain-response';
import { requireObject } from '@/lib/http/route';
import { getKv } from '@/lib/kv';

/**
 * POST /api/events/{eventId}/best-available, whoever carries it: Next's route handler (route.ts)
 * or, under `npm start`, Node's socket directly (lib/fast-paths/hold.ts). Hold the best seats
 * for the signed-in fan: 201 with the hold and its tickets, or the error's status and JSON body.
 */
export async function postBestAvailable(request: HoldRequest, eventId: string): Promise<PlainResponse> {
  try {
    if (!request.user) throw new AppError('unauthorized', 'Sign in to continue.');
    const body = requireObject(await request.json());
    // The path names the event (and is what the waiting-room gate checked); a body may not name another.
    if ('eventId' in body) throw new AppError('bad_request', 'The event is named by the URL; leave eventId out of the body.');
    const hold = await holdSeats(db, getKv(), fanRequest(request.headers, request.user), 'api-best', { ...body, eventId });
    return plainJson({ reservationId: hold.reservationId, expiresAt: hold.expiresAt.toISOString(), ticketIds: hold.ticketIds }, 201, {
      location: `/api/reservations/${hold.reservationId}`,
    });
  } catch (error) {
    return errorPlain(error);
  }
}
