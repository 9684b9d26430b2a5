import postgres from 'postgres';
import { runMigrations } from '../../db/migrate';
import { assertLocalDatabase, testDatabaseUrl, testKvPrefix } from './test-env';
import { deleteKeys } from './delete-keys';

// Creates the test database when missing (or anew, for a full run, so no run sees the rows of
// an earlier one), migrates it, and clears the test key prefix in Redis.
export async function prepareTestStores({ fresh = false }: { fresh?: boolean } = {}): Promise<void> {
  assertLocalDatabase(testDatabaseUrl);
  const name = new URL(testDatabaseUrl).pathname.slice(1);
  const admin = new URL(testDatabaseUrl);
  admin.pathname = '/postgres';
  const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  try {
    if (fresh) await sql.unsafe(`drop database if exists "${name}" with (force)`);
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) await sql.unsafe(`create database "${name}"`);
  } finally {
    await sql.end();
  }
  await runMigrations(testDatabaseUrl);

  await deleteKeys(testKvPrefix);
}
