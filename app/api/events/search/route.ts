import { route } from '@/lib/http/route';
import { cachedSearch, searchCacheSeconds } from '@/lib/search/cached-search';
import { parseSearchParams } from '@/lib/search/query-schema';

// A static segment: Next matches it before the dynamic [eventId] beside it.
const cacheControl = `public, max-age=0, s-maxage=${searchCacheSeconds}, stale-while-revalidate=30`;

export const GET = route(async (request) => {
  const query = parseSearchParams(new URL(request.url).searchParams);
  const result = await cachedSearch(query);
  return Response.json(result, { headers: { 'Cache-Control': cacheControl } });
});
