import { db } from '@/db';
import { seatCatalogue } from '@/lib/events/seat-catalogue';
import { etagMatches } from '@/lib/http/etag';
import { route } from '@/lib/http/route';
import { getKv } from '@/lib/kv';

// Geometry and prices do not change once an event is on sale. The event page links this with
// ?v=<content hash>, which may be kept for a year anywhere; without it (or with an old hash) the
// body is cached for minutes and revalidated by its ETag (304 when unchanged).
const immutable = 'public, max-age=31536000, s-maxage=31536000, immutable';
const revalidating = 'public, max-age=300, s-maxage=3600';

export const GET = route(async (request, { params }: { params: Promise<{ eventId: string }> }) => {
  const { eventId } = await params;
  const seats = await seatCatalogue(db, getKv(), eventId);
  const hashed = new URL(request.url).searchParams.get('v') === seats.hash;
  const headers = { 'Content-Type': 'application/json', ETag: seats.etag, 'Cache-Control': hashed ? immutable : revalidating };
  if (etagMatches(request.headers.get('if-none-match'), seats.etag)) return new Response(null, { status: 304, headers });
  return new Response(seats.json, { headers });
});
