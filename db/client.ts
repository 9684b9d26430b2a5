import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export type Database = PostgresJsDatabase<typeof schema>;
// A transaction has the same query surface; operations accept either so callers can compose.
export type DbOrTx = Database | Parameters<Parameters<Database['transaction']>[0]>[0];

export function createDatabase(url: string, max = 10): { db: Database; sql: postgres.Sql } {
  const sql = postgres(url, {
    max,
    // Seat holds are short transactions; an idle connection is cheap to keep.
    idle_timeout: 60,
    connect_timeout: 10,
    onnotice: () => {},
  });
  return { db: drizzle({ client: sql, schema }), sql };
}
