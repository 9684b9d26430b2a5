import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '@/db';
import { unpreparedRunner, type Run } from './postgres-run';
import { everyWord, filters, levels, whereAll, wordQuery, wordScore } from './postgres-query';
import { expandWords, type WordTerms } from './postgres-terms';
import { levelSize, wordShares } from './postgres-word-shares';
import type { SearchDriver, SearchEvent, SearchQuery, SearchResult } from './types';
import { ranksOnly, searchWords } from './words';

// Postgres full-text search over event_search (db/migrations/0004_search.sql, 0010_...): a
// weighted tsvector per event plus one tsvector per field, kept up to date by triggers; prefix
// matching through the catalogue's words; Damerau typo correction (postgres-terms.ts).

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

export function createPostgresSearch(db: Database): SearchDriver {
  const run = unpreparedRunner(db);

  // Upcoming first; with past events asked for, they follow the upcoming ones.
  const order = (q: SearchQuery, t: string) => {
    const c = (column: string) => sql.raw(`${t}.${column}`);
    return sql`${q.includePast ? sql`(${c('date')} < now()), ` : sql``}${c('date')}, ${c('event_id')}`;
  };

  // One statement: the first totalCap + 1 matches are read once and counted, and scored exactly
  // (score, then the sooner show, then the id) only when there are no more than totalCap of them.
  async function countAndRank(q: SearchQuery, terms: WordTerms[], where: SQL[]): Promise<{ n: number; rows: Row[] }> {
    const score = terms.length ? sql.join(terms.map(wordScore), sql` + `) : sql`0`;
    const columns = terms.length ? sql`s.event_id, s.date, s.performer_doc, s.name_doc, s.place_doc, s.document` : sql`s.event_id, s.date`;
    const rows = await run<Row & { n: number }>(sql`
      with matches as materialized (
        select ${columns} from event_search s ${whereAll(where)} limit ${totalCap + 1}
      ), counted as (
        select count(*)::int as n from matches
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
  async function rankByLevel(q: SearchQuery, required: WordTerms[], where: SQL[]): Promise<Row[]> {
    const wanted = q.page * q.limit;
    const all = required.length ? levels(required) : [{ predicate: sql`true` }];
    const stats = required.length && !q.includePast ? await wordShares(run) : null;
    const name = (i: number) => sql.raw(`level${i}`);
    const ctes = all.map((level, i) => {
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
      const small = stats && levelSize(stats, required, level) < Math.sqrt(wanted * stats.rows);
      const by = small ? sql`s.date + interval '0 s', s.event_id` : order(q, 's');
      return sql`${name(i)} as materialized (
        select s.event_id, s.date, ${sql.raw(String(i))} as level from event_search s
        ${whereAll([...where, level.predicate, ...unseen])} order by ${by} limit ${wanted}
      )`;
    });
    const levelled = sql.join(
      all.map((_, i) => sql`select * from ${name(i)}`),
      sql` union all `,
    );
    return run<Row>(sql`
      with ${sql.join(ctes, sql`, `)}, page as (
        select * from (${levelled}) l limit ${q.limit} offset ${(q.page - 1) * q.limit}
      )
      select ${detailColumns}
      from page s
      join events e on e.id = s.event_id
      join performers p on p.id = e.performer_id
      join venues v on v.id = e.venue_id
      order by s.level, ${order(q, 's')}`);
  }

  async function search(q: SearchQuery): Promise<SearchResult> {
    const words = searchWords(q.keyword);
    const terms = await expandWords(run, words);
    const required = terms.filter((t) => !ranksOnly(t.word, words));
    const where = filters(q);
    const keyword = required.length ? [everyWord(required, 'fuzzy')] : [];
    const counted = await countAndRank(q, terms, [...where, ...keyword]);
    const n = counted.n;
    const rows = n <= totalCap ? counted.rows : await rankByLevel(q, required, where);

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
