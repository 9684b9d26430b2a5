// Defaults for the test run; CI and developers can override any of them.
export const testDatabaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ticketbooth_test';
export const testRedisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
// TEST_KV_PREFIX lets two working copies run their suites at once without clearing each other's keys.
export const testKvPrefix = process.env.TEST_KV_PREFIX ?? 'tbtest:';

// A test must never touch a database that is not on this machine.
export function assertLocalDatabase(url: string): void {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) {
    throw new Error(`Refusing to run tests against a non-local database host: ${host}`);
  }
  if (!new URL(url).pathname.includes('test')) {
    throw new Error(`Refusing to run tests against a database whose name lacks "test": ${url}`);
  }
}
