import { db } from '@/db';
import { loadSeatCatalogue } from '@/lib/events/seat-catalogue';
import { route } from '@/lib/http/route';
import { getKv } from '@/lib/kv';

// Geometry and prices do not change once an event is on sale: cache them long, in
// the browser and at the edge. Statuses come from /availability.
const cacheControl = 'public, max-age=300, s-maxage=3600';

export const GET = route(async (_request, { params }: { params: Promise<{ eventId: string }> }) => {
  const { eventId } = await params;
  const catalogue = await loadSeatCatalogue(db, getKv(), eventId);
  return Response.json(catalogue, { headers: { 'Cache-Control': cacheControl } });
});
