import 'server-only';
import { getKv } from '@/lib/kv';
import { cachedJson } from '@/lib/kv/cache';
import { getSearch } from './index';
import { normalisedQueryKey } from './query-schema';
import type { SearchQuery, SearchResult } from './types';

// Ten seconds: a popular on-sale brings the same few searches thousands of times a second, and a
// new event showing up ten seconds late costs nobody anything.
export const searchCacheSeconds = 10;

export function cachedSearch(q: SearchQuery): Promise<SearchResult> {
  const driver = getSearch();
  return cachedJson(getKv(), `search:v1:${driver.name}:${normalisedQueryKey(q)}`, searchCacheSeconds, () => driver.search(q));
}
