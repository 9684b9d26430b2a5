import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '@/db';
import { unpreparedRunner, type Run } from './postgres-run';
import { expandWords, type WordTerms } from './postgres-terms';
import { isDay, type SearchDriver, type SearchEvent, type SearchQuery, type SearchResult } from './types';
import { searchWords } from './words';

// Postgres full-text search over event_search (db/migrations/0004_search.sql, 0010_...): a
// weighted tsvector per event plus one tsvector per field, kept up to date by triggers; prefix
// matching; Damerau typo correction (postgres-terms.ts).

/** How many of the soonest shows a level of a several-word query is first looked for among. */
const probeRows = 2000;

/** Counting stops here: "1,000+ events" is all a fan needs, and it keeps "the" as cheap as "tamsin". */
export const totalCap = 1000;

// Points per word by the best field it matched, a word met as typed (or as a prefix) worth twice
// one met only through a typo correction: a performer hit outranks any number of lesser ones for
// that word. Discrete on purpose: ts_rank would let a long description with the word twice outrank
// the performer's own show, and events of one act would sort by noise, not date.
const fieldPoints = [
  ['A', 8],
  ['B', 4],
  ['C', 2],
  ['D', 1],
] as const;

type Match = 'exact' | 'fuzzy';

const plain = /^[\p{L}\p{N}]+$/u;

/**
 * One word as a tsquery: as typed (a prefix), or with its corrections too. Plain catalogue words
 * go in as one bound tsquery literal ('taylor':A | 'tayside':A), which costs the planner nothing;
 * anything else goes through search_term() (0004_search.sql), which folds and quotes it in SQL.
 */
function wordQuery(t: WordTerms, match: Match, weights = ''): SQL {
  const lexemes: string[] = [];
  const terms: SQL[] = [];
  const literal = (w: string) => `'${w}'${weights ? `:${weights}` : ''}`;
  if (t.prefixWords) lexemes.push(...t.prefixWords.map(literal));
  else terms.push(sql`search_term(${t.word}::text, true, ${weights}::text)`);
  if (match === 'fuzzy') {
    for (const c of t.corrections) {
      if (plain.test(c)) lexemes.push(literal(c));
      else terms.push(sql`search_term(${c}::text, false, ${weights}::text)`);
    }
  }
  if (lexemes.length) terms.unshift(sql`${lexemes.join(' | ')}::tsquery`);
  return sql`(${sql.join(terms, sql` || `)})`;
}

function wordScore(t: WordTerms): SQL {
  const cases: SQL[] = [];
  for (const [w, points] of fieldPoints) {
    cases.push(sql`when s.document @@ ${wordQuery(t, 'exact', w)} then ${sql.raw(String(points * 2))}`);
    if (t.corrections.length) cases.push(sql`when s.document @@ ${wordQuery(t, 'fuzzy', w)} then ${sql.raw(String(points))}`);
  }
  return sql`(case ${sql.join(cases, sql` `)} else 0 end)`;
}

const everyWord = (terms: WordTerms[], match: Match) =>
  sql`s.document @@ (${sql.join(
    terms.map((t) => wordQuery(t, match)),
    sql` && `,
  )})`;

function filters(q: SearchQuery): SQL[] {
  const where: SQL[] = [];
  if (!q.includePast) where.push(sql`s.date >= now()`);
  // A local day also bounds the instant (time zones lie within a day of UTC), which lets the date
  // index start at the range instead of walking every sooner show to reach it.
  if (q.start) {
    where.push(
      isDay(q.start) ? sql`s.local_day >= ${q.start}::date and s.date >= ${q.start}::date - 1` : sql`s.date >= ${q.start}::timestamptz`,
    );
  }
  if (q.end)
    where.push(isDay(q.end) ? sql`s.local_day <= ${q.end}::date and s.date < ${q.end}::date + 2` : sql`s.date <= ${q.end}::timestamptz`);
  if (q.city) where.push(sql`s.city = search_fold(${q.city}::text)`);
  if (q.category) where.push(sql`s.category = lower(${q.category}::text)`);
  return where;
}

const whereAll = (where: SQL[]) => (where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``);

// The levels a query with more matches than totalCap ranks by, best first: where every word was
// found (the performer; performer or event name; those or the venue and city; anywhere), as typed
// before through a correction. Each level is one indexed query on the per-field tsvectors, walked
// soonest first, and only as many levels run as it takes to fill the page.
const fieldColumns = {
  performer: [sql`s.performer_doc`],
  names: [sql`s.performer_doc`, sql`s.name_doc`],
  head: [sql`s.performer_doc`, sql`s.name_doc`, sql`s.place_doc`],
} as const;

function levelPredicate(terms: WordTerms[], group: keyof typeof fieldColumns | 'anywhere', match: Match): SQL {
  if (group === 'anywhere') return everyWord(terms, match);
  const columns = fieldColumns[group];
  const perWord = terms.map((t) => {
    const q = wordQuery(t, match);
    return sql`(${sql.join(
      columns.map((c) => sql`${c} @@ ${q}`),
      sql` or `,
    )})`;
  });
  return sql`(${sql.join(perWord, sql` and `)})`;
}

function levels(terms: WordTerms[]): Array<{ predicate: SQL; fieldsOnly: boolean }> {
  const fuzzy = terms.some((t) => t.corrections.length > 0);
  const order: Array<[keyof typeof fieldColumns | 'anywhere', Match]> = [
    ['performer', 'exact'],
    ['names', 'exact'],
    ['performer', 'fuzzy'],
    ['names', 'fuzzy'],
    ['head', 'exact'],
    ['head', 'fuzzy'],
    ['anywhere', 'exact'],
    ['anywhere', 'fuzzy'],
  ];
  return order
    .filter(([, match]) => fuzzy || match === 'exact')
    .map(([group, match]) => ({ predicate: levelPredicate(terms, group, match), fieldsOnly: group !== 'anywhere' }));
}

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
    terms.flatMap((t) => [sql`search_term(${t.word}::text, true)`, ...t.corrections.map((c) => sql`search_term(${c}::text, false)`)]),
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

  // One statement: the first totalCap + 1 matches are read once and counted. Up to totalCap of
  // them are scored exactly (score, then the sooner show, then the id). Past the cap the scoring
  // is skipped and, for one word or none, the page is filled level by level in the same statement
  // (see levels()): each level's walk runs only if the ones before it left the page short, so a
  // common word costs one round trip and no more than one walk of each level it needs. Several
  // words past the cap are left to rankByLevel.
  async function countAndRank(q: SearchQuery, terms: WordTerms[], where: SQL[]): Promise<{ n: number; rows: Row[] }> {
    const score = terms.length ? sql.join(terms.map(wordScore), sql` + `) : sql`0`;
    const past = (t: string) => (q.includePast ? sql`(${sql.raw(t)}.date < now()), ` : sql``);
    const order = (t: string) => sql`${sql.raw(t)}.score desc, ${past(t)}${sql.raw(t)}.date, ${sql.raw(t)}.event_id`;
    const levelOrder = sql`${past('s')}s.date, s.event_id`;
    const wanted = q.page * q.limit;
    const inline = terms.length <= 1 ? (terms.length ? levels(terms) : [{ predicate: sql`true`, fieldsOnly: true }]) : [];
    const levelCtes = inline.map((l, i) => {
      const predicate = sql`${l.predicate}${sql.join(inline.slice(0, i).map((e) => sql` and not ${e.predicate}`))}`;
      const short = i
        ? sql` and (select count(*) from (${sql.join(
            inline.slice(0, i).map((_, j) => sql`select 1 from ${sql.raw(`l${j}`)}`),
            sql` union all `,
          )}) f) < ${wanted}`
        : sql``;
      return sql`, ${sql.raw(`l${i}`)} as materialized (
        select s.event_id, ${sql.raw(String(i))} as k1, row_number() over (order by ${levelOrder}) as k2 from (
          select s.event_id, s.date from event_search s
          ${whereAll([...where, predicate])} and (select n from counted) > ${totalCap}${short}
          order by ${levelOrder} limit ${wanted}
        ) s
      )`;
    });
    const leveled = inline.length
      ? sql` union all (select event_id, k1, k2 from (${sql.join(
          inline.map((_, i) => sql`select * from ${sql.raw(`l${i}`)}`),
          sql` union all `,
        )}) x order by k1, k2 limit ${q.limit} offset ${(q.page - 1) * q.limit})`
      : sql``;
    const matchWhere = terms.length ? [...where, everyWord(terms, 'fuzzy')] : where;
    const rows = await run<Row & { n: number }>(sql`
      with matches as materialized (
        select s.event_id, s.date${terms.length ? sql`, s.document` : sql``} from event_search s ${whereAll(matchWhere)} limit ${totalCap + 1}
      ), counted as (
        select count(*)::int as n from matches
      ), hits as materialized (
        select s.event_id, s.date, ${score} as score from matches s where (select n from counted) <= ${totalCap}
      ), ranked as (
        select * from hits order by ${order('hits')} limit ${q.limit} offset ${(q.page - 1) * q.limit}
      )${sql.join(levelCtes)}, page as (
        select event_id, 0 as k1, row_number() over (order by ${order('ranked')}) as k2 from ranked${leveled}
      )
      select c.n, ${detailColumns}
      from counted c
      left join page h on true
      left join events e on e.id = h.event_id
      left join performers p on p.id = e.performer_id
      left join venues v on v.id = e.venue_id
      order by h.k1, h.k2`);
    return { n: rows[0]?.n ?? 0, rows: rows.filter((r) => r.id !== null) };
  }

  // More than totalCap matches for several words: level by level, soonest first within a level
  // (see levels()), each level's walk stopping once the page is full.
  async function rankByLevel(q: SearchQuery, terms: WordTerms[], where: SQL[]): Promise<Row[]> {
    const wanted = q.page * q.limit;
    const ids: string[] = [];
    const all = levels(terms);
    const order = sql`${q.includePast ? sql`(s.date < now()), ` : sql``}s.date, s.event_id`;
    for (let i = 0; i < all.length && ids.length < wanted; i++) {
      const level = sql`${all[i]!.predicate}${sql.join(all.slice(0, i).map((l) => sql` and not ${l.predicate}`))}`;
      const limit = wanted - ids.length;
      // Words that go together (a city's two words, a performer's name) fool the planner, which
      // takes them as independent, expects few rows and sorts thousands. So for several words a
      // level on the field tsvectors is first looked for among the soonest probeRows shows, an
      // index-only walk of event_search_date_fields_idx: a level that fills the page there is
      // done, and one that does not is rare enough to look up through its GIN indexes.
      if (all.slice(0, i + 1).every((l) => l.fieldsOnly)) {
        const probe = await run<{ event_id: string; walked: number }>(sql`
          select s.event_id, s.walked from (
            select s.event_id, s.date, ${level} as hit, count(*) over () as walked
            from (
              select s.event_id, s.date, s.performer_doc, s.name_doc, s.place_doc from event_search s
              ${whereAll([...where, sql`s.date > '-infinity'`])} order by ${order} limit ${probeRows}
            ) s
          ) s
          where s.hit order by ${order} limit ${limit}`);
        if (probe.length === limit || (probe.length > 0 && Number(probe[0]!.walked) < probeRows)) {
          ids.push(...probe.map((r) => r.event_id));
          continue;
        }
      }
      const rows = await run<{ event_id: string }>(sql`
        select s.event_id from event_search s ${whereAll([...where, level])} order by ${order} limit ${limit}`);
      ids.push(...rows.map((r) => r.event_id));
    }
    const page = ids.slice((q.page - 1) * q.limit, wanted);
    if (page.length === 0) return [];
    const rows = await run<Row>(sql`
      select ${detailColumns} from events e
      join performers p on p.id = e.performer_id
      join venues v on v.id = e.venue_id
      where e.id = any(${sql.param(page)}::uuid[])`);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return page.flatMap((id) => byId.get(id) ?? []);
  }

  async function search(q: SearchQuery): Promise<SearchResult> {
    const terms = await expandWords(run, searchWords(q.keyword));
    const where = filters(q);
    const ranked = await countAndRank(q, terms, where);
    const n = ranked.n;
    const rows = n > totalCap && terms.length > 1 ? await rankByLevel(q, terms, where) : ranked.rows;

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
