import { db } from '@/db';
import { routeFanRequest } from '@/lib/actions/fan-request';
import { requireUserFromCookie } from '@/lib/auth/session';
import { holdSeats } from '@/lib/booking/hold-seats';
import { readJson, route } from '@/lib/http/route';
import { jsonResponse } from '@/lib/http/json';
import { getKv } from '@/lib/kv';

export const POST = route(async (request) => {
  const user = await requireUserFromCookie(request);
  const hold = await holdSeats(db, getKv(), routeFanRequest(request, user), 'api-tickets', await readJson(request));
  return jsonResponse(
    { reservationId: hold.reservationId, expiresAt: hold.expiresAt.toISOString() },
    { status: 201, headers: { Location: `/api/reservations/${hold.reservationId}` } },
  );
});
