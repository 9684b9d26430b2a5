import { db } from '@/db';
import { getEventViewJson } from '@/lib/events/get-event-view';
import { route } from '@/lib/http/route';

// Statuses are read live at the origin; a CDN may serve them for one second (DESIGN: reads scale
// at the edge), which is well inside the time a seat change takes to reach an open map.
const cacheControl = 'public, max-age=0, s-maxage=1, stale-while-revalidate=4';

export const GET = route(async (_request, { params }: { params: Promise<{ eventId: string }> }) => {
  const { eventId } = await params;
  return new Response(await getEventViewJson(db, eventId), {
    headers: { 'Content-Type': 'application/json', 'Cache-Control': cacheControl },
  });
});
