import postgres from 'postgres';
import { assertLocalDatabase, testDatabaseUrl } from './test-env';

// A plain postgres.js client for test setup and for checking invariants behind the app's back.
export function testSql(): postgres.Sql {
  assertLocalDatabase(testDatabaseUrl);
  return postgres(testDatabaseUrl, { max: 4, onnotice: () => {} });
}
