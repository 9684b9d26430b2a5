import type { estypes } from '@elastic/elasticsearch';
import type { EventDocument } from './documents';
import { fieldTiers } from './elasticsearch-mapping';
import { isDay, type SearchEvent, type SearchQuery, type SearchResult } from './types';
import { fold, ranksOnly, searchWords } from './words';

// Query building for the Elasticsearch driver, kept pure so it is tested without a cluster.

// Marks around highlighted words; control characters never occur in catalogue text.
const pre = '\u0001';
const post = '\u0002';

// Typo tolerance as in the Postgres driver: one edit from 4 letters, two from 8, where a swap of
// two neighbouring letters is one edit (Damerau), anywhere in the word (no fixed prefix).
export const typoFuzziness = { fuzziness: 'AUTO:4,8', fuzzy_transpositions: true, prefix_length: 0 } as const;

/** Counting stops here, as in the Postgres driver: "1,000+ events". */
export const totalCap = 1000;

// One word must match somewhere (as typed or as a prefix: "tay" -> "taylor"; or within a typo);
// it scores the points of the best tier it matched, doubled when met as typed, like the Postgres
// driver's discrete ranking: exact and prefix matches rank before corrections.
function wordClause(word: string): estypes.QueryDslQueryContainer {
  return {
    dis_max: {
      queries: fieldTiers.flatMap(({ fields, points }) => [
        {
          constant_score: {
            boost: points * 2,
            filter: {
              bool: {
                should: [{ multi_match: { query: word, fields } }, { multi_match: { query: word, fields, type: 'phrase_prefix' } }],
                minimum_should_match: 1,
              },
            },
          },
        },
        { constant_score: { boost: points, filter: { multi_match: { query: word, fields, ...typoFuzziness } } } },
      ]),
    },
  };
}

function filters(q: SearchQuery): estypes.QueryDslQueryContainer[] {
  const out: estypes.QueryDslQueryContainer[] = [];
  if (!q.includePast) out.push({ range: { date: { gte: 'now' } } });
  if (q.start) out.push(isDay(q.start) ? { range: { local_day: { gte: q.start } } } : { range: { date: { gte: q.start } } });
  if (q.end) out.push(isDay(q.end) ? { range: { local_day: { lte: q.end } } } : { range: { date: { lte: q.end } } });
  if (q.city) out.push({ term: { 'city.keyword': q.city } });
  if (q.category) out.push({ term: { category: q.category } });
  return out;
}

export function buildSearchRequest(index: string, q: SearchQuery, now = Date.now()): estypes.SearchRequest {
  const words = searchWords(q.keyword);
  const sort: estypes.SortCombinations[] = [{ _score: { order: 'desc' } }];
  if (q.includePast) {
    // Upcoming first, then past, as in the Postgres driver.
    sort.push({
      _script: {
        type: 'number',
        order: 'asc',
        script: { source: "doc['date'].value.toInstant().toEpochMilli() < params.now ? 1 : 0", params: { now } },
      },
    });
  }
  sort.push({ date: { order: 'asc' } }, { id: { order: 'asc' } });
  return {
    index,
    from: (q.page - 1) * q.limit,
    size: q.limit,
    track_total_hits: totalCap,
    query: {
      bool: {
        must: words.length ? words.filter((w) => !ranksOnly(w, words)).map(wordClause) : [{ match_all: {} }],
        should: words.filter((w) => ranksOnly(w, words)).map(wordClause),
        filter: filters(q),
      },
    },
    sort,
    highlight: words.length
      ? {
          pre_tags: [pre],
          post_tags: [post],
          number_of_fragments: 0,
          fields: { 'performer.name': {}, name: {}, 'venue.name': {}, city: {} },
        }
      : undefined,
  };
}

/** The distinct folded words Elasticsearch marked in a hit's highlight fragments. */
function highlightedWords(highlight: Record<string, string[]> | undefined): string[] {
  const words = new Set<string>();
  for (const fragments of Object.values(highlight ?? {})) {
    for (const fragment of fragments) {
      for (const m of fragment.matchAll(new RegExp(`${pre}([^${post}]*)${post}`, 'g'))) words.add(fold(m[1]!));
    }
  }
  return [...words];
}

export function parseSearchResponse(q: SearchQuery, response: estypes.SearchResponse<EventDocument>): SearchResult {
  const total = response.hits.total;
  const events: SearchEvent[] = response.hits.hits.flatMap((hit) => {
    const d = hit._source;
    if (!d) return [];
    return [
      {
        id: d.id,
        name: d.name,
        date: d.date,
        category: d.category,
        performer: d.performer,
        venue: { id: d.venue.id, name: d.venue.name, city: d.city, timezone: d.venue.timezone },
        highlights: highlightedWords(hit.highlight),
      },
    ];
  });
  const result: SearchResult = {
    events,
    page: q.page,
    limit: q.limit,
    total: Math.min(typeof total === 'number' ? total : (total?.value ?? 0), totalCap),
  };
  if (typeof total === 'object' && total.relation === 'gte') result.totalCapped = true;
  return result;
}

/** "Did you mean": the performers nearest the whole phrase (by their name or an event name), one hit per performer. */
export function buildSuggestRequest(index: string, keyword: string): estypes.SearchRequest {
  return {
    index,
    size: 5,
    _source: ['performer.name'],
    query: {
      bool: {
        should: [
          { match: { 'performer.name': { query: searchWords(keyword).join(' '), boost: 2, ...typoFuzziness } } },
          { match: { name: { query: searchWords(keyword).join(' '), ...typoFuzziness } } },
        ],
        minimum_should_match: 1,
        filter: [{ range: { date: { gte: 'now' } } }],
      },
    },
    collapse: { field: 'performer.name.keyword' },
  };
}
