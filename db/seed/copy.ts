import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type postgres from 'postgres';

// Streams tab-separated lines into `copy <table> (<columns>) from stdin`. pipeline() waits for
// the server to drain before pulling the next chunk, so memory stays flat for millions of rows.
export async function copyInto(
  sql: postgres.Sql | postgres.TransactionSql,
  table: string,
  columns: string[],
  chunks: Iterable<string>,
): Promise<void> {
  const writable = await sql`copy ${sql(table)} (${sql(columns)}) from stdin`.writable();
  await pipeline(Readable.from(chunks), writable);
}
