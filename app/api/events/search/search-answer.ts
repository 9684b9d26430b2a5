import 'server-only';
import type { PlainResponse } from '@/lib/http/plain-response';
import { cachedSearch, searchCacheSeconds } from '@/lib/search/cached-search';
import { parseSearchParams } from '@/lib/search/query-schema';

// Edges and CDNs keep an answer as long as the server's own cache does; browsers ask each time.
const cacheControl = `public, max-age=0, s-maxage=${searchCacheSeconds}, stale-while-revalidate=30`;

/**
 * GET /api/events/search, answered through Next's route (route.ts) or, under `npm start`, straight
 * on Node's socket (lib/fast-paths/search.ts): the parameters' first values, validated (a ZodError
 * is a 400), and the cached result with each event's card facts. Both send exactly this.
 */
export async function searchAnswer(params: URLSearchParams): Promise<PlainResponse> {
  const result = await cachedSearch(parseSearchParams(params));
  return {
    status: 200,
    headers: { 'content-type': 'application/json', 'cache-control': cacheControl },
    body: JSON.stringify(result),
  };
}
