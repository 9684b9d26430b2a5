import 'server-only';
import { db } from '@/db';
import { env } from '@/lib/env';
import { createElasticsearchClient } from './elasticsearch-client';
import { createElasticsearchSearch } from './elasticsearch';
import { createPostgresSearch } from './postgres';
import type { SearchDriver } from './types';

export type { SearchDriver, SearchEvent, SearchQuery, SearchResult } from './types';

// Elasticsearch when ELASTICSEARCH_URL is set (production), Postgres full-text otherwise, so
// `npm run dev` searches on a bare machine. One driver per process.
const cache = globalThis as typeof globalThis & { __tbSearch?: SearchDriver };

export function getSearch(): SearchDriver {
  cache.__tbSearch ??= env.ELASTICSEARCH_URL
    ? createElasticsearchSearch(createElasticsearchClient(env.ELASTICSEARCH_URL, env.ELASTICSEARCH_API_KEY), env.ELASTICSEARCH_INDEX, db)
    : createPostgresSearch(db);
  return cache.__tbSearch;
}

/**
 * Call after writing an event (create, edit, delete). Postgres keeps its documents by trigger, so
 * this matters for Elasticsearch, which learns of a write only through here.
 */
export function indexEvent(id: string): Promise<void> {
  return getSearch().indexEvents([id]);
}
