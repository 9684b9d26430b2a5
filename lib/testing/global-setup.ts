import postgres from 'postgres';
import { runMigrations } from '../../db/migrate';
import { assertLocalDatabase, testDatabaseUrl } from './test-env';

// Creates the test database when missing and brings it to the latest migration.
export default async function setup(): Promise<void> {
  assertLocalDatabase(testDatabaseUrl);
  const url = new URL(testDatabaseUrl);
  const name = url.pathname.slice(1);
  const admin = new URL(testDatabaseUrl);
  admin.pathname = '/postgres';
  const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) await sql.unsafe(`create database "${name}"`);
  } finally {
    await sql.end();
  }
  await runMigrations(testDatabaseUrl);
}
