import { db } from '@/db';
import { expireHolds } from '@/lib/booking/expire-holds';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { route } from '@/lib/http/route';
import { offerStrandedSeats } from '@/lib/waitlist/offer-stranded-seats';

// Called every 30 s by scripts/launch.ts, or by the host's cron (Vercel Cron sends the
// CRON_SECRET as a bearer token). Housekeeping only: reads never wait for it.
export const GET = route(async (request) => {
  if (!env.CRON_SECRET || request.headers.get('authorization') !== `Bearer ${env.CRON_SECRET}`) {
    throw new AppError('unauthorized', 'A valid cron secret is required.');
  }
  const expired = await expireHolds(db);
  return Response.json({ ...expired, waitlistOffers: await offerStrandedSeats(db) });
});
