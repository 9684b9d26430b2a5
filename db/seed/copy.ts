import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type postgres from 'postgres';

const escapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

// A value in COPY's text format, where tab, newline and backslash are syntax.
export function copyText(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) => escapes[c] ?? c);
}

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
