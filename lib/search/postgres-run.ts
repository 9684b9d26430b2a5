import 'server-only';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type postgres from 'postgres';
import type { Database } from '@/db';

const dialect = new PgDialect();

export type Run = <T>(query: SQL) => Promise<T[]>;

/**
 * Runs search queries as unnamed statements, so Postgres plans each with its actual words. A
 * prepared statement would turn to a generic plan after a few runs, which cannot know whether a
 * word is in every other event ("the": walk the date index) or in a handful (use the GIN index),
 * and is badly wrong for one or the other. Values stay bound parameters, never SQL text.
 */
export function unpreparedRunner(db: Database): Run {
  return async <T>(query: SQL) => {
    const client = (db as unknown as { $client: postgres.Sql }).$client;
    const { sql: text, params } = dialect.sqlToQuery(query);
    return (await client.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: false })) as unknown as T[];
  };
}
