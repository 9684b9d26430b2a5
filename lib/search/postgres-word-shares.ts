import 'server-only';
import { sql } from 'drizzle-orm';
import type { Level } from './postgres-query';
import { levelColumns } from './postgres-query';
import type { Run } from './postgres-run';
import type { WordTerms } from './postgres-terms';

// How common each catalogue word is in each search field, from Postgres's own statistics: ANALYZE
// (autovacuum, or the seed) keeps the most common words of every tsvector column of event_search
// with the share of rows holding each, and the most common cities and performers with theirs
// (columns "city" and "performer_name").
// Also the share of shows still to come, from the date column's histogram. Read at most once a
// minute per driver; a database without statistics yet gives no figures, and every level is then
// read as the planner chooses.

export type WordShares = { rows: number; upcoming: number; columns: Map<string, Map<string, number>> };

const refreshMs = 60_000;

async function readWordShares(run: Run): Promise<WordShares | null> {
  const rows = await run<{
    total: number;
    upcoming: number | null;
    column: string | null;
    words: string[] | null;
    freqs: number[] | null;
  }>(sql`
    select c.reltuples::float8 as total, s.attname::text as column,
           (select coalesce((select sum(f) from unnest(d.most_common_vals::text::timestamptz[], d.most_common_freqs) m(v, f) where v >= now()), 0)
                   + (1 - coalesce((select sum(f) from unnest(d.most_common_freqs) f), 0))
                     * coalesce((select count(*) filter (where b >= now())::float8 / nullif(count(*), 0) from unnest(d.histogram_bounds::text::timestamptz[]) b), 0)
            from pg_stats d where d.schemaname = current_schema() and d.tablename = 'event_search' and d.attname = 'date') as upcoming,
           coalesce(s.most_common_elems::text::text[], s.most_common_vals::text::text[]) as words,
           coalesce(s.most_common_elem_freqs, s.most_common_freqs) as freqs
    from pg_class c
    left join pg_stats s on s.schemaname = current_schema() and s.tablename = 'event_search'
      and (s.most_common_elems is not null or s.attname in ('city', 'performer_name'))
    where c.oid = 'event_search'::regclass`);
  const columns = new Map<string, Map<string, number>>();
  for (const r of rows) {
    if (r.column && r.words && r.freqs) columns.set(r.column, new Map(r.words.map((w, i) => [w, Number(r.freqs![i])])));
  }
  const total = rows[0]?.total ?? 0;
  return total > 0 && columns.size ? { rows: total, upcoming: Number(rows[0]?.upcoming ?? 1), columns } : null;
}

/**
 * A reader of the statistics for one driver, each read kept a minute. The read itself is kept,
 * so the searches that find it stale together share one.
 */
export function wordSharesReader(run: Run): () => Promise<WordShares | null> {
  let cached: { value: Promise<WordShares | null>; until: number } | null = null;
  return () => {
    const now = Date.now();
    if (!cached || cached.until <= now) {
      // A failed read is not kept, and the searches that met it go on without figures.
      const value: Promise<WordShares | null> = readWordShares(run).catch((error: unknown) => {
        if (cached === entry) cached = null;
        console.error('search statistics could not be read', error);
        return null;
      });
      const entry = { value, until: now + refreshMs };
      cached = entry;
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

/**
 * How many of the levels to read first: up to the first the statistics expect to hold five
 * pages' worth of upcoming shows, which the later ones will not be needed behind (postgres.ts
 * reads them all if the page still falls short). For more words a level's figure (levelSize) is
 * only a bound; there only the performer level is expected to hold a common performer's shows,
 * and the venue-and-city level the shows of the common city the words spell (`city`, citySize).
 */
export function levelsToRead(stats: WordShares, terms: WordTerms[], all: Level[], wanted: number, city = 0): number {
  const expected = (level: Level) =>
    Math.max(
      terms.length === 1 ? levelSize(stats, terms, level) : 0,
      level.group === 'performer' && level.match === 'exact' ? performerSize(stats, terms) : 0,
      level.group === 'head' && level.match === 'exact' ? city : 0,
    );
  const enough = all.findIndex((level) => expected(level) * stats.upcoming >= 5 * wanted);
  return enough < 0 ? all.length : enough + 1;
}

/**
 * About how many shows belong to common performers whose names hold every word as typed (each
 * word beginning a word of the name): "mercy street serenade" is one act's 1,900 shows, where
 * the words' shares taken as independent would expect one.
 */
export function performerSize(stats: WordShares, terms: WordTerms[]): number {
  let share = 0;
  for (const [name, f] of stats.columns.get('performer_name') ?? []) {
    const words = name.split(/[^\p{L}\p{N}]+/u);
    if (terms.every((t) => words.some((w) => w.startsWith(t.word)))) share += f;
  }
  return stats.rows * share;
}

/** About how many events are in the city the words spell ("san francisco"), if it is a common one. */
export function citySize(stats: WordShares, words: string[]): number {
  return stats.rows * (stats.columns.get('city')?.get(words.join(' ')) ?? 0);
}

// The variants of a word the statistics can vouch for: its catalogue words (or, when a short prefix
// stands for too many to list, the common ones it begins) and its corrections, each with its
// share of rows. Every show holding one of them matches the word.
function variants(stats: WordShares, t: WordTerms): Array<[string, number]> {
  const document = stats.columns.get('document');
  if (!document) return [];
  const listed = t.prefixWords ?? (/^[a-z0-9]+$/.test(t.word) ? [...document.keys()].filter((w) => w.startsWith(t.word)) : []);
  return [...new Set([...listed, ...t.corrections])].map((w) => [w, document.get(w) ?? 0]);
}

/**
 * Words whose matches are a subset of the query's and which the statistics expect to hold more
 * than `needed` upcoming shows, as one list per query word (any of a list, every list), or null.
 * Counting them proves "more than a thousand" with fewer postings than counting the query: "sole"
 * matches 21,000 shows, most through its correction "sold", and two of its rarer words (sol,
 * solenne) hold 2,100. For one word, the variants rarest first until they are enough, or the
 * single one that is, whichever is fewer.
 *
 * Otherwise, `whole`: every variant of every word, the whole match, counted without the columns
 * the exact count reads for scoring, in a statement of its own (postgres.ts), so that a wrong
 * guess costs only that narrow count. For one word, when all its variants are expected to hold
 * half of `needed`; for several, when the rarest word alone is expected to hold `needed`: words a
 * fan types together go together more often than chance ("orchestra new york"), but not always.
 * Only an estimate: the count that follows is what decides.
 */
export function boundWords(stats: WordShares, terms: WordTerms[], needed: number): { words: string[][]; whole: boolean } | null {
  const upcoming = stats.rows * stats.upcoming;
  const each = terms.map((t) => variants(stats, t));
  const total = (v: Array<[string, number]>) =>
    Math.min(
      1,
      v.reduce((a, [, f]) => a + f, 0),
    );
  const whole = { words: each.map((v) => v.map(([w]) => w)), whole: true };
  if (terms.length > 1) return upcoming * Math.min(...each.map(total)) >= needed ? whole : null;
  const ranked = each[0]!.filter(([, f]) => f > 0).sort((a, b) => a[1] - b[1]);
  const share = needed / upcoming;
  const single = ranked.find(([, f]) => f >= share);
  const rarest: Array<[string, number]> = [];
  let sum = 0;
  for (const v of ranked) {
    if (sum >= share) break;
    rarest.push(v);
    sum += v[1];
  }
  if (sum < share) return upcoming * total(each[0]!) >= needed / 2 ? whole : null;
  const picked = single && single[1] <= sum ? [single] : rarest;
  return { words: [picked.map(([w]) => w)], whole: false };
}
