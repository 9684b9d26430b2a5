import { testDatabaseUrl, testKvPrefix, testRedisUrl } from './test-env';

export const testServerPort = 3100;
export const testBaseUrl = `http://127.0.0.1:${testServerPort}`;
export const testNextAuthSecret = 'test-secret-test-secret-test-secret';
export const testStandInPorts = { stripe: 3101, pusher: 3102 };

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
  // Waiting room and rate limits (lib/waiting-room, lib/rate-limit): a queue switched on in a test
  // is seen within half a second; per-fan windows are short so a test can watch one recover;
  // per-IP limits are out of reach, since every test request comes from 127.0.0.1.
  QUEUE_REFRESH_MS: '500',
  RATE_LIMIT_RESERVE_FAN: '20/5',
  RATE_LIMIT_RESERVE_IP: '100000/60',
  RATE_LIMIT_SIGN_IN_FAN: '8/10',
  RATE_LIMIT_SIGN_IN_IP: '100000/60',
  RATE_LIMIT_SIGN_UP_IP: '100000/60',
};
