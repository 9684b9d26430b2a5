import { db } from '@/db';
import { requireUser } from '@/lib/auth/session';
import { extendHold } from '@/lib/booking/extend-hold';
import { AppError } from '@/lib/errors';
import { readJson, requireObject, route } from '@/lib/http/route';
import { getKv } from '@/lib/kv';
import { fanRequest } from '@/lib/http/fan-request';

type Context = { params: Promise<{ reservationId: string }> };

// "Need more time?" (lib/booking/extend-hold.ts): body `{}`; 200 with the new expiry.
export const POST = route(async (request, { params }: Context) => {
  const user = await requireUser();
  const { reservationId } = await params;
  const body = requireObject(await readJson(request));
  // The path names the hold; a body may not name another.
  if ('reservationId' in body) throw new AppError('bad_request', 'The hold is named by the URL; leave reservationId out of the body.');
  const extension = await extendHold(db, getKv(), fanRequest(request.headers, user), { ...body, reservationId });
  return Response.json(extension, { headers: { 'Cache-Control': 'private, no-store' } });
});
