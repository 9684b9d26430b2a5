import { db } from '@/db';
import { requireUser } from '@/lib/auth/session';
import { route } from '@/lib/http/route';
import { getKv } from '@/lib/kv';
import { fanQueueStatus } from '@/lib/waiting-room/fan-status';

type Context = { params: Promise<{ eventId: string }> };

// Polled by the queue page every few seconds: the fan's place, people ahead, ETA.
export const GET = route<Context>(async (_request, { params }) => {
  const user = await requireUser();
  const status = await fanQueueStatus(db, getKv(), (await params).eventId, user.id);
  return Response.json({ status }, { headers: { 'Cache-Control': 'private, no-store' } });
});
