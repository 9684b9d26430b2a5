import { db } from '@/db';
import { requireUser } from '@/lib/auth/session';
import { getReservation } from '@/lib/booking/get-reservation';
import { releaseHold } from '@/lib/booking/release-hold';
import { route } from '@/lib/http/route';
import { getKv } from '@/lib/kv';

type Context = { params: Promise<{ reservationId: string }> };

export const GET = route(async (_request, { params }: Context) => {
  const user = await requireUser();
  const { reservationId } = await params;
  const reservation = await getReservation(db, { userId: user.id, reservationId });
  return Response.json({ reservation }, { headers: { 'Cache-Control': 'private, no-store' } });
});

export const DELETE = route(async (_request, { params }: Context) => {
  const user = await requireUser();
  const { reservationId } = await params;
  return Response.json(await releaseHold(db, getKv(), { userId: user.id, reservationId }));
});
