import 'server-only';
import { db } from '@/db';
import { cardFacts, type CardFacts } from '@/lib/events/card-facts';
import { getKv } from '@/lib/kv';
import { cachedJson } from '@/lib/kv/cache';
import { span } from '@/lib/timing/spans';
import { getSearch } from './index';
import { normalisedQueryKey } from './query-schema';
import type { SearchQuery, SearchResult } from './types';

// Ten seconds: a popular on-sale brings the same few searches thousands of times a second, and a
// new event showing up ten seconds late costs nobody anything.
export const searchCacheSeconds = 10;

// Each event's card facts are kept as long as a cached answer keeps them, per process, so an
// event that many different searches list (the soonest shows, a popular act's) costs one lowest-
// price read per ten seconds rather than one per search: a stadium's read walks its every seat.
const factsCache = new Map<string, { facts: CardFacts | undefined; until: number }>();
const factsCacheSize = 20_000;

async function cachedCardFacts(ids: string[]): Promise<Map<string, CardFacts | undefined>> {
  const now = Date.now();
  const missing = ids.filter((id) => !((factsCache.get(id)?.until ?? 0) > now));
  if (missing.length) {
    const loaded = await cardFacts(db, getKv(), missing);
    for (const id of missing) {
      factsCache.delete(id);
      factsCache.set(id, { facts: loaded.get(id), until: now + searchCacheSeconds * 1000 });
    }
    while (factsCache.size > factsCacheSize) factsCache.delete(factsCache.keys().next().value!);
  }
  return new Map(ids.map((id) => [id, factsCache.get(id)?.facts]));
}

/** A search with each result's card facts (price, on-sale state), cached as one entry. */
export function cachedSearch(q: SearchQuery): Promise<SearchResult> {
  const driver = getSearch();
  return cachedJson(getKv(), `search:v2:${driver.name}:${normalisedQueryKey(q)}`, searchCacheSeconds, async () => {
    const result = await span('search', () => driver.search(q));
    const facts = await span('card-facts', () => cachedCardFacts(result.events.map((e) => e.id)));
    return { ...result, events: result.events.map((e) => ({ ...e, card: facts.get(e.id) })) };
  });
}
