import 'server-only';
import { Param, SQL, StringChunk } from 'drizzle-orm';
import type postgres from 'postgres';
import type { Database } from '@/db';
import { AppError } from '@/lib/errors';

export type Run = <T>(query: SQL) => Promise<T[]>;

/**
 * A value as a SQL literal: a number as written, a string dollar-quoted under a tag it does not
 * contain (nothing inside a dollar quote is syntax, whatever standard_conforming_strings says), an
 * array as ARRAY[...] of those. Anything else is refused rather than guessed at.
 */
export function sqlLiteral(value: unknown): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === 'string') {
    // Postgres text cannot hold NUL: the same 400 the database would have caused (lib/errors.ts).
    if (value.includes('\0')) throw new AppError('bad_request', 'Some of the input is not valid.');
    let tag = 's';
    while (value.includes(`$${tag}$`) || value.endsWith(`$${tag}`)) tag += 'x';
    return `$${tag}$${value}$${tag}$`;
  }
  if (Array.isArray(value)) return `ARRAY[${value.map(sqlLiteral).join(',')}]`;
  throw new TypeError(`no SQL literal for a ${typeof value}`);
}

/**
 * A search statement's text with its values as literals: one walk over the template's pieces.
 * Drizzle's own builder (dialect.sqlToQuery) checks every piece against a dozen kinds by walking
 * class chains and took 0.6-2.3 ms for a 4 KB statement; a search built three of them. The
 * templates here hold only text, nested templates and values (sql``, sql.join, sql.raw,
 * sql.param); anything else is refused, as is a bare array, which Drizzle would have written as
 * a list.
 */
export function renderSql(query: SQL): string {
  const out: string[] = [];
  const walk = (chunk: unknown): void => {
    if (chunk instanceof SQL) for (const c of chunk.queryChunks) walk(c);
    else if (chunk instanceof StringChunk) out.push(...chunk.value);
    else if (chunk instanceof Param) out.push(sqlLiteral(chunk.value));
    else if (typeof chunk === 'string' || typeof chunk === 'number') out.push(sqlLiteral(chunk));
    else throw new TypeError(`no SQL for a ${Array.isArray(chunk) ? 'bare array (use sql.param)' : typeof chunk} in a search statement`);
  };
  walk(query);
  return out.join('');
}

/**
 * Runs search queries as unnamed statements, so Postgres plans each with its actual words. A
 * prepared statement would turn to a generic plan after a few runs, which cannot know whether a
 * word is in every other event ("the": walk the date index) or in a handful (use the GIN index),
 * and is badly wrong for one or the other.
 *
 * The values go into the statement's text as literals (renderSql), never spliced in by hand:
 * postgres.js sends an unnamed statement with parameters in two round trips (it asks the server
 * for the parameters' types first), and a search is two or three statements, so that second trip
 * was a fifth of a search's time.
 */
export function unpreparedRunner(db: Database): Run {
  return async <T>(query: SQL) => {
    const client = (db as unknown as { $client: postgres.Sql }).$client;
    return (await client.unsafe(renderSql(query), [], { prepare: false })) as unknown as T[];
  };
}
