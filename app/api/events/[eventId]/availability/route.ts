import { db } from '@/db';
import { availabilityJson } from '@/lib/events/availability';
import { route } from '@/lib/http/route';

// Live at the origin; a CDN may serve it for a second (deploy/nginx.conf: half a second). Open
// maps correct themselves from the diffs, whose versions tell them whether this snapshot is
// older than what they hold. No stale-while-revalidate: browsers honour it too, and a map that
// mounts must not be handed the statuses of some seconds ago.
const cacheControl = 'public, max-age=0, s-maxage=1';

export const GET = route(async (_request, { params }: { params: Promise<{ eventId: string }> }) => {
  const { eventId } = await params;
  return new Response(await availabilityJson(db, eventId), {
    headers: { 'Content-Type': 'application/json', 'Cache-Control': cacheControl },
  });
});
