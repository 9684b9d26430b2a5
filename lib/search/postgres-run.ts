import 'server-only';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type postgres from 'postgres';
import type { Database } from '@/db';
import { AppError } from '@/lib/errors';

const dialect = new PgDialect();

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
 * Runs search queries as unnamed statements, so Postgres plans each with its actual words. A
 * prepared statement would turn to a generic plan after a few runs, which cannot know whether a
 * word is in every other event ("the": walk the date index) or in a handful (use the GIN index),
 * and is badly wrong for one or the other.
 *
 * The values go into the statement's text as literals (sqlLiteral), never spliced in by hand:
 * postgres.js sends an unnamed statement with parameters in two round trips (it asks the server
 * for the parameters' types first), and a search is two or three statements, so that second trip
 * was a fifth of a search's time. Every value still comes from the SQL template's placeholders,
 * one pass over the text, so a value can never be read as another placeholder.
 */
export function unpreparedRunner(db: Database): Run {
  return async <T>(query: SQL) => {
    const client = (db as unknown as { $client: postgres.Sql }).$client;
    const { sql: text, params } = dialect.sqlToQuery(query);
    const inlined = text.replace(/\$(\d+)/g, (_, n: string) => sqlLiteral(params[Number(n) - 1]));
    return (await client.unsafe(inlined, [], { prepare: false })) as unknown as T[];
  };
}
