import 'server-only';
import { db } from '@/db';
import { cardFacts } from '@/lib/events/card-facts';
import { getKv } from '@/lib/kv';
import { cachedJson } from '@/lib/kv/cache';
import { getSearch } from './index';
import { normalisedQueryKey } from './query-schema';
import type { SearchQuery, SearchResult } from './types';

// Ten seconds: a popular on-sale brings the same few searches thousands of times a second, and a
// new event showing up ten seconds late costs nobody anything.
export const searchCacheSeconds = 10;

/** A search with each result's card facts (price, on-sale state), cached as one entry. */
export function cachedSearch(q: SearchQuery): Promise<SearchResult> {
  const driver = getSearch();
  const kv = getKv();
  return cachedJson(kv, `search:v2:${driver.name}:${normalisedQueryKey(q)}`, searchCacheSeconds, async () => {
    const result = await driver.search(q);
    const facts = await cardFacts(
      db,
      kv,
      result.events.map((e) => e.id),
    );
    return { ...result, events: result.events.map((e) => ({ ...e, card: facts.get(e.id) })) };
  });
}
