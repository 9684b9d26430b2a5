// The search port: one query shape and one result shape for every driver (lib/search/index.ts).
import type { CardFacts } from '@/lib/events/card-facts';

/**
 * `start` and `end` are either a calendar day (YYYY-MM-DD), matched against the show's day in the
 * venue's own time zone (the night printed on the ticket: a 9 pm show in Los Angeles is on the
 * 5th there even though it is the 6th in UTC), or a full ISO timestamp, matched as an instant.
 * Both ends are inclusive: a day covers its local 00:00 to 23:59:59.999.
 */
export type SearchQuery = {
  keyword?: string;
  start?: string;
  end?: string;
  city?: string;
  category?: string;
  page: number;
  limit: number;
  /** Past events are left out unless asked for. */
  includePast?: boolean;
};

export type SearchEvent = {
  id: string;
  name: string;
  /** ISO timestamp of the show. */
  date: string;
  category: string;
  performer: { id: string; name: string };
  venue: { id: string; name: string; city: string; timezone: string };
  /** Folded words (lower case, no accents) that matched this event, for <mark>. */
  highlights?: string[];
  /** Price and on-sale state, added by cachedSearch() (not by the drivers). */
  card?: CardFacts;
};

export type SearchResult = {
  events: SearchEvent[];
  page: number;
  limit: number;
  /** Matches, counted up to 1,000 (then `totalCapped` is set: "1,000+ events"). */
  total: number;
  totalCapped?: boolean;
  /** "Did you mean": nearest performer and event names, offered when nothing matched. */
  suggestions?: string[];
};

export interface SearchDriver {
  readonly name: 'postgres' | 'elasticsearch';
  search(query: SearchQuery): Promise<SearchResult>;
  /** Brings these events' documents up to date (and drops those of deleted events). */
  indexEvents(ids: string[]): Promise<void>;
  /** Rebuilds every document; returns how many events are indexed. */
  reindex(): Promise<number>;
}

export const isDay = (value: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(value);
