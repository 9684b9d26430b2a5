import 'server-only';
import { db } from '@/db';
import type { SessionUser } from '@/lib/auth/session';
import { holdSeats } from '@/lib/booking/hold-seats';
import { AppError, errorPlain } from '@/lib/errors';
import { fanRequest } from '@/lib/http/fan-request';
import { plainJson, type PlainResponse } from '@/lib/http/plain-response';
import { getKv } from '@/lib/kv';

export type HoldRequest = {
  headers: Headers;
  /** The fan the session cookie names; null when there is none or it does not decrypt. */
  user: SessionUser | null;
  /** The body, read and parsed with the API's limits (lib/http/route.ts, parseJsonBody). */
  json: () => Promise<unknown>;
};

/**
 * POST /api/reservations, whoever carries it: Next's route handler (route.ts) or, under
 * `npm start`, Node's socket directly (lib/fast-paths/hold.ts). Hold the named tickets for the
 * signed-in fan: 201 with the hold, or the error's status and JSON body.
 */
export async function postReservation(request: HoldRequest): Promise<PlainResponse> {
  try {
    if (!request.user) throw new AppError('unauthorized', 'Sign in to continue.');
    const hold = await holdSeats(db, getKv(), fanRequest(request.headers, request.user), 'api-tickets', await request.json());
    return plainJson({ reservationId: hold.reservationId, expiresAt: hold.expiresAt.toISOString() }, 201, {
      location: `/api/reservations/${hold.reservationId}`,
    });
  } catch (error) {
    return errorPlain(error);
  }
}
