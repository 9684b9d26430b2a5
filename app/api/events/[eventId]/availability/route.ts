import { db } from '@/db';
import { availabilityJson } from '@/lib/events/availability';
import { route } from '@/lib/http/route';

// Live at the origin; a CDN may serve it for a second. Open maps correct themselves from the
// diffs, whose versions tell them whether this snapshot is older than what they hold.
const cacheControl = 'public, max-age=0, s-maxage=1, stale-while-revalidate=4';

export const GET = route(async (_request, { params }: { params: Promise<{ eventId: string }> }) => {
  const { eventId } = await params;
  return new Response(await availabilityJson(db, eventId), {
    headers: { 'Content-Type': 'application/json', 'Cache-Control': cacheControl },
  });
});
