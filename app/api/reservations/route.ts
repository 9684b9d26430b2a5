import { db } from '@/db';
import { routeFanRequest } from '@/lib/actions/fan-request';
import { requireUser } from '@/lib/auth/session';
import { holdSeats } from '@/lib/booking/hold-seats';
import { readJson, route } from '@/lib/http/route';
import { getKv } from '@/lib/kv';

export const POST = route(async (request) => {
  const user = await requireUser();
  const hold = await holdSeats(db, getKv(), routeFanRequest(request, user), 'api-tickets', await readJson(request));
  return Response.json(
    { reservationId: hold.reservationId, expiresAt: hold.expiresAt.toISOString() },
    { status: 201, headers: { Location: `/api/reservations/${hold.reservationId}` } },
  );
});
