import 'server-only';
import { sql } from 'drizzle-orm';
import type { Level } from './postgres-query';
import { levelColumns } from './postgres-query';
import type { Run } from './postgres-run';
import type { WordTerms } from './postgres-terms';

// How common each catalogue word is in each search field, from Postgres's own statistics: ANALYZE
// (autovacuum, or the seed) keeps the most common words of every tsvector column of event_search
// with the share of rows holding each, and the most common cities with theirs (column "city").
// Read at most once a minute per driver; a database without statistics yet gives no figures,
// and every level is then read as the planner chooses.

export type WordShares = { rows: number; columns: Map<string, Map<string, number>> };

const refreshMs = 60_000;

async function readWordShares(run: Run): Promise<WordShares | null> {
  const rows = await run<{ total: number; column: string | null; words: string[] | null; freqs: number[] | null }>(sql`
    select c.reltuples::float8 as total, s.attname::text as column,
           coalesce(s.most_common_elems::text::text[], s.most_common_vals::text::text[]) as words,
           coalesce(s.most_common_elem_freqs, s.most_common_freqs) as freqs
    from pg_class c
    left join pg_stats s on s.schemaname = current_schema() and s.tablename = 'event_search'
      and (s.most_common_elems is not null or s.attname = 'city')
    where c.oid = 'event_search'::regclass`);
  const columns = new Map<string, Map<string, number>>();
  for (const r of rows) {
    if (r.column && r.words && r.freqs) columns.set(r.column, new Map(r.words.map((w, i) => [w, Number(r.freqs![i])])));
  }
  const total = rows[0]?.total ?? 0;
  return total > 0 && columns.size ? { rows: total, columns } : null;
}

/**
 * A reader of the statistics for one driver, each read kept a minute. The read itself is kept,
 * so the searches that find it stale together share one (a failed read is not kept).
 */
export function wordSharesReader(run: Run): () => Promise<WordShares | null> {
  let cached: { value: Promise<WordShares | null>; until: number } | null = null;
  return () => {
    const now = Date.now();
    if (!cached || cached.until <= now) {
      const value = readWordShares(run);
      const entry = { value, until: now + refreshMs };
      cached = entry;
      value.catch(() => {
        if (cached === entry) cached = null;
      });
    }
    return cached.value;
  };
}

/**
 * At most about how many events a level holds: for each word, the share of rows holding one of
 * its words (as typed or a prefix's, and its corrections on a fuzzy level) in the level's fields,
 * and the rarest word's share of all rows. A word standing for too many words to list counts as
 * everywhere. Words the statistics left out are rarer than any they kept and count as absent.
 * Two common words that seldom meet still give a large figure: a bound, not an estimate.
 */
export function levelSize(stats: WordShares, terms: WordTerms[], level: Level): number {
  if (!level.group) return stats.rows;
  const columns = levelColumns[level.group].map((c) => stats.columns.get(c));
  const share = (t: WordTerms) => {
    if (!t.prefixWords) return 1;
    const words = level.match === 'fuzzy' ? [...t.prefixWords, ...t.corrections] : t.prefixWords;
    let sum = 0;
    for (const w of words) for (const c of columns) sum += c?.get(w) ?? 0;
    return Math.min(1, sum);
  };
  return stats.rows * Math.min(1, ...terms.map(share));
}

/** About how many events are in the city the words spell ("san francisco"), if it is a common one. */
export function citySize(stats: WordShares, words: string[]): number {
  return stats.rows * (stats.columns.get('city')?.get(words.join(' ')) ?? 0);
}
