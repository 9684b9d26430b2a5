import { sql, type SQL } from 'drizzle-orm';

// One array parameter rather than drizzle's default expansion into ($1, $2, ...), so the
// statement text, and its prepared plan, is the same for any number of ids. Callers pass
// validated UUIDs only.
export function uuidArray(ids: readonly string[]): SQL {
  return sql`${`{${ids.join(',')}}`}::uuid[]`;
}
