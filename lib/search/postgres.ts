import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '@/db';
import { unpreparedRunner, type Run } from './postgres-run';
import { everyWord, filters, levels, lexeme, whereAll, wordQuery, wordScore, type Level } from './postgres-query';
import { expandWords, type WordTerms } from './postgres-terms';
import { boundWords, citySize, levelSize, levelsToRead, performerSize, wordSharesReader, type WordShares } from './postgres-word-shares';
import type { SearchDriver, SearchEvent, SearchQuery, SearchResult } from './types';
import { ranksOnly, searchWords } from './words';

// Postgres full-text search over event_search (db/migrations/0004_search.sql, 0010_...): a
// weighted tsvector per event plus one tsvector per field, kept up to date by triggers; prefix
// matching through the catalogue's words; Damerau typo correction (postgres-terms.ts).

type Shares = { stats: WordShares; required: WordTerms[] };
/**
 * What proves more than totalCap matches before the levels are read: a count of the shows holding
 * a subset of the words' variants (boundWords), of the shows of the performers whose names hold
 * every word, or of the shows in the city the words spell.
 */
type Bound = { words: string[][]; whole: boolean } | { performers: true } | { city: string };
type Walk = { level: number; rows: number };

/** Past this many performers matching, a performer level is read as any other level is. */
const maxPerformers = 50;

/** The most shows a walk tests before the rest of its level is read through the indexes. */
const maxWalk = 3000;

/** Counting stops here: "1,000+ events" is all a fan needs, and it keeps "the" as cheap as "tamsin". */
export const totalCap = 1000;

type Row = {
  id: string;
  name: string;
  date: string | Date;
  category: string;
  performer_id: string;
  performer_name: string;
  venue_id: string;
  venue_name: string;
  city: string;
  timezone: string;
};

const detailColumns = sql`e.id, e.name, e.date, e.category, p.id as performer_id, p.name as performer_name,
  v.id as venue_id, v.name as venue_name, e.city, v.timezone`;

// "Did you mean": performers with an upcoming show whose name is near the phrase by trigrams or
// holds a query word or one of its corrections ("tmasin" -> Tamsin Gray), and event names holding
// one (a GIN lookup on name_doc, at most 200 candidates). Most words found first, then trigram
// similarity.
async function suggestions(run: Run, terms: WordTerms[]): Promise<string[]> {
  const phrase = terms.map((t) => t.word).join(' ');
  const corrected = terms.flatMap((t) => [t.word, ...t.corrections]);
  const anyWord = sql.join(
    terms.map((t) => wordQuery(t, 'fuzzy')),
    sql` || `,
  );
  const rows = await run<{ name: string }>(sql`
    select name from (
      select p.name, search_fold(p.name) as folded from performers p
      where (search_fold(p.name) % ${phrase}::text
             or tsvector_to_array(to_tsvector('simple', search_fold(p.name))) && ${sql.param(corrected)}::text[])
        and exists (select 1 from event_search s where s.performer_name = search_fold(p.name) and s.date >= now())
      union all
      select e.name, n.name from (
        select s.event_id, s.name from event_search s where s.date >= now() and s.name_doc @@ (${anyWord}) limit 200
      ) n join events e on e.id = n.event_id
    ) c
    cross join lateral (select tsvector_to_array(to_tsvector('simple', c.folded)) as words) w
    group by c.name
    order by max(cardinality(array(select unnest(w.words) intersect select unnest(${sql.param(corrected)}::text[])))) desc,
             max(similarity(c.folded, ${phrase}::text)) desc, c.name
    limit 5`);
  return rows.map((r) => r.name);
}

// Words the statistics expect in well over totalCap shows: better a common performer's or city's,
// whose shows are counted through a btree index (performer name or city, then date), than a
// subset of the words' variants. Their shares are measured, so a quarter over is margin enough; a
// sum of word shares may count shows twice.
function chooseBound(stats: WordShares, words: string[], required: WordTerms[]): Bound | null {
  const enough = 1.25 * (totalCap + 1);
  if (performerSize(stats, required) * stats.upcoming >= enough) return { performers: true };
  if (required.length === words.length && citySize(stats, words) * stats.upcoming >= enough) return { city: words.join(' ') };
  return boundWords(stats, required, 2 * (totalCap + 1));
}

// The CTEs that define `counted`: how many shows a bound's subset of the matches holds, up to
// totalCap + 1. `performers` names the CTE of the performers whose names hold every word.
function proofOf(bound: Bound | null, where: SQL[], performers: SQL | null): SQL {
  const counted = (matches: SQL) => sql`counted as (select count(*)::int as n from (${matches} limit ${totalCap + 1}) m)`;
  if (!bound) return sql`counted as (select ${totalCap + 1} as n)`; // the caller has counted
  if ('words' in bound) {
    // Materialized, so that it is planned without the count's limit: a read through the words'
    // postings, not a walk of the date index testing every show (countAndRank).
    const words = bound.words.map((w) => `(${w.map(lexeme).join(' | ')})`).join(' & ');
    return sql`bound_matches as materialized (
        select 1 from event_search s ${whereAll([...where, sql`s.document @@ ${words}::tsquery`])}
      ), ${counted(sql`select 1 from bound_matches`)}`;
  }
  if ('city' in bound) {
    // In date order, the city index's own: without it, a city of one show in nine was read by
    // scanning the table until 1,001 turned up (4 ms, against 1).
    return counted(sql`select 1 from event_search s ${whereAll([...where, sql`s.city = ${bound.city}`])} order by s.date`);
  }
  if (!performers) throw new Error('a performer bound on a query naming no common performer');
  return counted(sql`
    select 1 from ${performers} m
    cross join lateral (select 1 from event_search s ${whereAll([...where, sql`s.performer_name = m.name`])} limit ${totalCap + 1}) s`);
}

/** Words alone: no dates, city or category to narrow them, which the statistics cannot see. */
const plain = (q: SearchQuery) => !(q.start || q.end || q.city || q.category);

// A search for a city by name ("San Francisco") finds thousands of shows there, all of them on
// the venue-and-city level, and Postgres, which takes the two words for unrelated, expects a
// hundred: it reads and sorts every one to keep twenty (5 ms), where the soonest shows hold
// twenty within a few hundred. When the words spell a common city, the statistics know its
// share of shows, and a level that large is walked soonest first: at most three times the shows
// a walk should test for the page (see rankByLevel), at most maxWalk. Asked only of words alone.
function cityWalk(q: SearchQuery, words: string[], all: Level[], stats: WordShares): Walk | null {
  const wanted = q.page * q.limit;
  const size = citySize(stats, words);
  const level = all.findIndex((l) => l.group === 'head' && l.match === 'exact');
  if (level < 0 || size < 1.5 * Math.sqrt(wanted * stats.rows)) return null;
  return { level, rows: Math.round(Math.min(maxWalk, (3 * wanted * stats.rows) / size)) };
}

export function createPostgresSearch(db: Database): SearchDriver {
  const run = unpreparedRunner(db);
  const wordShares = wordSharesReader(run);

  // Upcoming first; with past events asked for, they follow the upcoming ones.
  const order = (q: SearchQuery, t: string) => {
    const c = (column: string) => sql.raw(`${t}.${column}`);
    return sql`${q.includePast ? sql`(${c('date')} < now()), ` : sql``}${c('date')}, ${c('event_id')}`;
  };

  // One statement: the first totalCap + 1 matches are read once and counted, and scored exactly
  // (score, then the sooner show, then the id) only when there are no more than totalCap of them.
  // The limit is on the count, not on the read: planned for a limit, a word in one show of eight
  // ("bra") was read by scanning the table until 1,001 matched (11,000 rows tested, 4.4 ms), where
  // its postings found them in 1.5; the CTE still reads only as far as the count pulls it.
  async function countAndRank(q: SearchQuery, terms: WordTerms[], where: SQL[]): Promise<{ n: number; rows: Row[] }> {
    const score = terms.length ? sql.join(terms.map(wordScore), sql` + `) : sql`0`;
    const columns = terms.length ? sql`s.event_id, s.date, s.performer_doc, s.name_doc, s.place_doc, s.document` : sql`s.event_id, s.date`;
    const rows = await run<Row & { n: number }>(sql`
      with matches as materialized (
        select ${columns} from event_search s ${whereAll(where)}
      ), counted as (
        select count(*)::int as n from (select 1 from matches limit ${totalCap + 1}) m
      ), hits as materialized (
        select s.event_id, s.date, ${score} as score from matches s where (select n from counted) <= ${totalCap}
      ), page as (
        select * from hits order by score desc, ${order(q, 'hits')} limit ${q.limit} offset ${(q.page - 1) * q.limit}
      )
      select c.n, ${detailColumns}
      from counted c
      left join page h on true
      left join events e on e.id = h.event_id
      left join performers p on p.id = e.performer_id
      left join venues v on v.id = e.venue_id
      order by h.score desc, ${order(q, 'h')}`);
    return { n: rows[0]?.n ?? 0, rows: rows.filter((r) => r.id !== null) };
  }

  // More than totalCap matches: the levels (levels()), best first, soonest first within a level,
  // in one statement that runs only as many of them as it takes to fill the page. Each level is a
  // materialized CTE, which Postgres starts only when the rows before it did not reach the limit,
  // and each is an indexed read that stops at the page's end. A level leaves out the rows of the
  // levels before it by their ids: those ran to their end (or the page would be full), and an id
  // test is cheap where repeating their predicates cost a dozen tsvector tests a row.
  //
  // Given a Bound, a subset of the matches, it first counts that, up to totalCap + 1, and reads
  // the levels only past totalCap; the count is returned either way.
  async function rankByLevel(
    q: SearchQuery,
    all: Level[],
    where: SQL[],
    shares: Shares | null,
    walk: Walk | null,
    bound: Bound | null = null,
  ): Promise<{ n: number; rows: Row[] }> {
    const wanted = q.page * q.limit;
    const name = (i: number) => sql.raw(`level${i}`);
    const performersOf = (i: number) => sql.raw(`performers${i}`);
    const byPerformer = shares !== null && performerSize(shares.stats, shares.required) > 0;
    const ctes = all.flatMap((level, i) => {
      const before = sql.join(
        Array.from({ length: i }, (_, j) => sql`select event_id from ${name(j)}`),
        sql` union all `,
      );
      const unseen = i ? [sql`s.event_id <> all(array(${before}))`] : [];
      // Postgres may read a level soonest first through the date index, testing every show, and
      // stop at the page's end; its costs take shows already in memory as free, so it does that
      // for levels of a few hundred rows too ("thea" by performer: 6,800 shows tested for 40, where
      // reading the 754 matches took 1 ms). A level the statistics bound below sqrt(wanted ·
      // events), where reading them all costs no more than the walk would on average, is ordered
      // by an expression the index does not hold, which leaves Postgres only that read.
      const small = shares && levelSize(shares.stats, shares.required, level) < Math.sqrt(wanted * shares.stats.rows);
      const by = small ? sql`s.date + interval '0 s', s.event_id` : order(q, 's');
      const read = (more: SQL[]) => sql`
        select s.event_id, s.date, ${sql.raw(String(i))} as level from event_search s
        ${whereAll([...where, level.predicate, ...unseen, ...more])} order by ${by} limit ${wanted}`;
      if (level.performers && byPerformer) {
        // A performer level, when the words name a common performer: the shows of the performers
        // whose names match, each performer's soonest first (event_search_performer_name_idx),
        // where the tsvector index gave every show of theirs to sort. A word in the names of many
        // performers ("the") is read as any level is. (Planning the two ways costs 0.2 ms, which
        // a query naming no performer is spared.)
        const few = sql`(select count(*) from (select 1 from ${performersOf(i)} limit ${maxPerformers + 1}) m)`;
        return [
          sql`${performersOf(i)} as materialized (select distinct search_fold(p.name) as name from performers p where ${level.performers})`,
          sql`${name(i)} as materialized (
            (select s.event_id, s.date, ${sql.raw(String(i))} as level from ${performersOf(i)} m
             cross join lateral (
               select s.event_id, s.date from event_search s
               ${whereAll([...where, sql`s.performer_name = m.name`, ...unseen])} order by ${order(q, 's')} limit ${wanted}
             ) s
             where ${few} <= ${maxPerformers} order by ${order(q, 's')} limit ${wanted})
            union all
            (${read([sql`${few} > ${maxPerformers}`])})
          )`,
        ];
      }
      if (walk?.level !== i) return [sql`${name(i)} as materialized (${read([])})`];
      // The level to walk (search()): the soonest shows, at most walk.rows of them, each tested,
      // until the page is full. Its hits are every row of the level up to the last show it
      // tested, so if it falls short, the rest of the level is the level's other rows, read as
      // any level is.
      return [
        sql`walk as materialized (
          select s.event_id, s.date, ${level.predicate} as hit from event_search s
          ${whereAll(where)} order by s.date, s.event_id limit ${walk.rows}
        )`,
        sql`${name(i)} as materialized (
          select * from (
            (select s.event_id, s.date, ${sql.raw(String(i))} as level from walk s ${whereAll([sql`s.hit`, ...unseen])} limit ${wanted})
            union all
            (${read([sql`s.event_id <> all(array(select event_id from walk where hit))`])})
          ) l limit ${wanted}
        )`,
      ];
    });
    const levelled = sql.join(
      all.map((_, i) => sql`select * from ${name(i)}`),
      sql` union all `,
    );
    const performers = all.findIndex((l) => l.performers && l.match === 'exact');
    const proof = proofOf(bound, where, byPerformer && performers >= 0 ? performersOf(performers) : null);
    const rows = await run<Row & { n: number; level: number | null }>(sql`
      with ${sql.join(ctes, sql`, `)}, ${proof}, page as (
        select * from (${levelled}) l where (select n from counted) > ${totalCap} limit ${q.limit} offset ${(q.page - 1) * q.limit}
      ), listed as (
        select s.level, s.event_id, ${detailColumns}
        from page s
        join events e on e.id = s.event_id
        join performers p on p.id = e.performer_id
        join venues v on v.id = e.venue_id
      )
      select c.n, s.* from counted c left join listed s on true
      order by s.level, ${order(q, 's')}`);
    return { n: rows[0]?.n ?? 0, rows: rows.filter((r) => r.level !== null) };
  }

  // Words: the count and the page, cheapest first. Words the statistics expect in well over
  // totalCap shows have their levels read at once, behind a cheaper count of a subset of the
  // matches (chooseBound), which must prove it; otherwise the exact count decides.
  async function rankWords(q: SearchQuery, words: string[], terms: WordTerms[], required: WordTerms[], where: SQL[]) {
    const all = levels(required);
    const stats = q.includePast ? null : await wordShares();
    const shares = stats ? { stats, required } : null;
    // The statistics know nothing of dates, cities or categories: only words alone are guided.
    const guide = stats && plain(q) ? stats : null;
    const walk = guide ? cityWalk(q, words, all, guide) : null;
    const bound = guide ? chooseBound(guide, words, required) : null;
    // Planning a level costs about 0.15 ms, and most pages come from the first: the levels up to
    // one expected to fill the page, and the rest only if it did not.
    const city = guide && required.length === words.length ? citySize(guide, words) : 0;
    const first = guide ? levelsToRead(guide, required, all, q.page * q.limit, city) : all.length;
    const rank = async (count: Bound | null) => {
      const head = await rankByLevel(q, all.slice(0, first), where, shares, walk, count);
      const full = head.rows.length === q.limit || first === all.length || head.n <= totalCap;
      return full ? head : { n: head.n, rows: (await rankByLevel(q, all, where, shares, walk)).rows };
    };
    // A whole match (boundWords) is counted on its own first: that guess is wrong more often,
    // and then only the count is spent, not the planning of every level.
    if (bound && 'words' in bound && bound.whole) {
      const [counted] = await run<{ n: number }>(sql`with ${proofOf(bound, where, null)} select n from counted`);
      if (counted!.n > totalCap) return { n: counted!.n, rows: (await rank(null)).rows };
    } else if (bound) {
      const levelled = await rank(bound);
      if (levelled.n > totalCap) return levelled;
    }
    const exact = await countAndRank(q, terms, [...where, everyWord(required, 'fuzzy')]);
    return exact.n > totalCap ? { n: exact.n, rows: (await rank(null)).rows } : exact;
  }

  async function search(q: SearchQuery): Promise<SearchResult> {
    const words = searchWords(q.keyword);
    const terms = await expandWords(run, words);
    const required = terms.filter((t) => !ranksOnly(t.word, words));
    const where = filters(q);
    let n: number;
    let rows: Row[];
    if (required.length) {
      ({ n, rows } = await rankWords(q, words, terms, required, where));
    } else {
      // No words: the count and the soonest shows side by side (a listing is usually long).
      const [counted, soonest] = await Promise.all([
        countAndRank(q, terms, where),
        rankByLevel(q, [{ predicate: sql`true` }], where, null, null),
      ]);
      n = counted.n;
      rows = n > totalCap ? soonest.rows : counted.rows;
    }

    const highlights = terms.flatMap((t) => [t.word, ...t.corrections]);
    const events: SearchEvent[] = rows.map((r) => ({
      id: r.id,
      name: r.name,
      date: new Date(r.date).toISOString(),
      category: r.category,
      performer: { id: r.performer_id, name: r.performer_name },
      venue: { id: r.venue_id, name: r.venue_name, city: r.city, timezone: r.timezone },
      highlights,
    }));
    const result: SearchResult = { events, page: q.page, limit: q.limit, total: Math.min(n, totalCap) };
    if (n > totalCap) result.totalCapped = true;
    if (n === 0 && terms.length) result.suggestions = await suggestions(run, terms);
    return result;
  }

  return {
    name: 'postgres',
    search,
    // Triggers keep the documents current; this recomputes on demand (deleted events cascade).
    async indexEvents(ids) {
      if (ids.length) await db.execute(sql`select search_index_events(${sql.param(ids)}::uuid[])`);
    },
    async reindex() {
      const [row] = (await db.execute(sql`select search_rebuild() as n`)) as unknown as { n: string }[];
      return Number(row?.n ?? 0);
    },
  };
}
