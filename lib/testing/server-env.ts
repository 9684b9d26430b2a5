import { testDatabaseUrl, testKvPrefix, testRedisUrl } from './test-env';

export const testServerPort = 3100;
export const testBaseUrl = `http://127.0.0.1:${testServerPort}`;
export const testNextAuthSecret = 'test-secret-test-secret-test-secret';

// The environment of the production build that API tests and Playwright journeys drive.
export const testServerEnv: Record<string, string> = {
  NODE_ENV: 'production',
  PORT: String(testServerPort),
  DATABASE_URL: testDatabaseUrl,
  REDIS_URL: testRedisUrl,
  KV_PREFIX: `${testKvPrefix}app:`,
  NEXTAUTH_SECRET: testNextAuthSecret,
  NEXTAUTH_URL: testBaseUrl,
  CRON_SECRET: 'test-cron-secret-test-cron-secret',
};
