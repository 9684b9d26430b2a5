import { db } from '@/db';
import { requireUser } from '@/lib/auth/session';
import { reserveBestAvailable } from '@/lib/booking/reserve-best-available';
import { readJson, requireObject, route } from '@/lib/http/route';
import { getKv } from '@/lib/kv';
import { guardReserve } from '@/lib/waiting-room/reserve-guard';

export const POST = route(async (request, { params }: { params: Promise<{ eventId: string }> }) => {
  const user = await requireUser();
  const { eventId } = await params;
  await guardReserve(eventId, user.id, request.headers);
  const body = requireObject(await readJson(request));
  const hold = await reserveBestAvailable(db, getKv(), {
    userId: user.id,
    eventId,
    quantity: body.quantity as number,
    minPrice: body.minPrice as number | undefined,
    maxPrice: body.maxPrice as number | undefined,
  });
  return Response.json(
    { reservationId: hold.reservationId, expiresAt: hold.expiresAt.toISOString(), ticketIds: hold.ticketIds },
    { status: 201, headers: { Location: `/api/reservations/${hold.reservationId}` } },
  );
});
