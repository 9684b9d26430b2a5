import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { WordTerms } from './postgres-terms';
import { isDay, type SearchQuery } from './types';

// The SQL pieces of the Postgres driver (postgres.ts): words as tsqueries, the score, the
// filters and the ranking levels.

// Points per word by the best field it matched, a word met as typed (or as a prefix) worth twice
// one met only through a typo correction: a performer hit outranks any number of lesser ones for
// that word. Discrete on purpose: ts_rank would let a long description with the word twice outrank
// the performer's own show, and events of one act would sort by noise, not date. The field
// tsvectors hold exactly the document's A, B and C parts (0010_search_fields_and_typos.sql), so
// testing them is the weighted test on a tenth of the bytes; a word met in none of them can only
// be in the description (D), the rest of the document.
const fieldPoints = [
  [sql`s.performer_doc`, 8],
  [sql`s.name_doc`, 4],
  [sql`s.place_doc`, 2],
  [sql`s.document`, 1],
] as const;

export type Match = 'exact' | 'fuzzy';

/** A catalogue word (a tsvector lexeme as stored) quoted for tsquery input: 'brand-new'. */
export const lexeme = (word: string) => `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * One word as a tsquery: as typed (a prefix), or with its corrections too. Catalogue words go in
 * as one tsquery literal ('taylor' | 'tayside'), which costs the planner nothing; a fan's word that
 * stands for too many goes through search_term() (0004_search.sql), which folds and quotes it in
 * SQL, as a prefix.
 */
export function wordQuery(t: WordTerms, match: Match): SQL {
  const lexemes: string[] = [];
  const terms: SQL[] = [];
  if (t.prefixWords) lexemes.push(...t.prefixWords.map(lexeme));
  else terms.push(sql`search_term(${t.word}::text, true)`);
  if (match === 'fuzzy') lexemes.push(...t.corrections.map(lexeme));
  if (lexemes.length) terms.unshift(sql`${lexemes.join(' | ')}::tsquery`);
  return sql`(${sql.join(terms, sql` || `)})`;
}

export function wordScore(t: WordTerms): SQL {
  const cases: SQL[] = [];
  for (const [field, points] of fieldPoints) {
    cases.push(sql`when ${field} @@ ${wordQuery(t, 'exact')} then ${sql.raw(String(points * 2))}`);
    if (t.corrections.length) cases.push(sql`when ${field} @@ ${wordQuery(t, 'fuzzy')} then ${sql.raw(String(points))}`);
  }
  return sql`(case ${sql.join(cases, sql` `)} else 0 end)`;
}

/** Every word as one tsquery. */
const allWords = (terms: WordTerms[], match: Match) =>
  sql`(${sql.join(
    terms.map((t) => wordQuery(t, match)),
    sql` && `,
  )})`;

export const everyWord = (terms: WordTerms[], match: Match) => sql`s.document @@ ${allWords(terms, match)}`;

export function filters(q: SearchQuery): SQL[] {
  const where: SQL[] = [];
  if (!q.includePast) where.push(sql`s.date >= now()`);
  // A local day also bounds the instant (time zones lie within a day of UTC), which lets the date
  // index start at the range instead of walking every sooner show to reach it. The day's own test
  // is hidden from the planner in a CASE: it says again what the instant's range says, and taken
  // as independent of it, the two made a fortnight's 4,400 shows look like 220, read by sorting
  // them all (6 ms) rather than soonest first through the date index for the 20 asked (0.7 ms).
  if (q.start) {
    where.push(
      isDay(q.start)
        ? sql`s.date >= ${q.start}::date - 1 and (case when s.local_day >= ${q.start}::date then true end)`
        : sql`s.date >= ${q.start}::timestamptz`,
    );
  }
  if (q.end)
    where.push(
      isDay(q.end)
        ? sql`s.date < ${q.end}::date + 2 and (case when s.local_day <= ${q.end}::date then true end)`
        : sql`s.date <= ${q.end}::timestamptz`,
    );
  if (q.city) where.push(sql`s.city = search_fold(${q.city}::text)`);
  if (q.category) where.push(sql`s.category = lower(${q.category}::text)`);
  return where;
}

export const whereAll = (where: SQL[]) => (where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``);

// The levels a query with more matches than totalCap ranks by, best first: where every word was
// found (the performer; performer or event name; those or the venue and city; anywhere), as typed
// before through a correction. Each level is one indexed query on the per-field tsvectors, walked
// soonest first, and only as many levels run as it takes to fill the page.
/** The tsvector columns each level looks in (`document` is all of them, the description too). */
export const levelColumns = {
  performer: ['performer_doc'],
  names: ['performer_doc', 'name_doc'],
  head: ['performer_doc', 'name_doc', 'place_doc'],
  anywhere: ['document'],
} as const;

type Group = keyof typeof levelColumns;

function levelPredicate(terms: WordTerms[], group: Group, match: Match): SQL {
  if (group === 'anywhere') return everyWord(terms, match);
  const perWord = terms.map((t) => {
    const q = wordQuery(t, match);
    return sql`(${sql.join(
      levelColumns[group].map((c) => sql`${sql.raw(`s.${c}`)} @@ ${q}`),
      sql` or `,
    )})`;
  });
  return sql`(${sql.join(perWord, sql` and `)})`;
}

/**
 * A level's rows. `performers`, on the performer levels, is the same test on a performer's name
 * (performers_name_doc_idx, 0015): the level is then those performers' shows.
 */
export type Level = { predicate: SQL; group?: Group; match?: Match; performers?: SQL };

/** Performers whose names hold every word (each as typed, or also through a correction). */
const performerNames = (terms: WordTerms[], match: Match) =>
  sql`to_tsvector('simple'::regconfig, search_fold(p.name)) @@ ${allWords(terms, match)}`;

export function levels(terms: WordTerms[]): Level[] {
  const fuzzy = terms.some((t) => t.corrections.length > 0);
  const order: Array<[Group, Match]> = [
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
    .map(([group, match]) => ({
      predicate: levelPredicate(terms, group, match),
      group,
      match,
      ...(group === 'performer' ? { performers: performerNames(terms, match) } : {}),
    }));
}
