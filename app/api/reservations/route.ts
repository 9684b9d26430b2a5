import { db } from '@/db';
import { requireUser } from '@/lib/auth/session';
import { reserveSeats } from '@/lib/booking/reserve-seats';
import { readJson, requireObject, route } from '@/lib/http/route';
import { getKv } from '@/lib/kv';
import { guardReserve } from '@/lib/waiting-room/reserve-guard';

export const POST = route(async (request) => {
  const user = await requireUser();
  const body = requireObject(await readJson(request));
  await guardReserve(body.eventId, user.id, request.headers);
  const hold = await reserveSeats(db, getKv(), {
    userId: user.id,
    eventId: body.eventId as string,
    ticketIds: body.ticketIds as string[],
  });
  return Response.json(
    { reservationId: hold.reservationId, expiresAt: hold.expiresAt.toISOString() },
    { status: 201, headers: { Location: `/api/reservations/${hold.reservationId}` } },
  );
});
