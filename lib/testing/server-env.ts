import { testDatabaseUrl, testKvPrefix, testRedisUrl } from './test-env';

// TEST_PORT moves the test server (and its stand-ins on the next two ports) so that two working
// copies can run `npm test` side by side.
export const testServerPort = Number(process.env.TEST_PORT ?? 3100);
export const testBaseUrl = `http://127.0.0.1:${testServerPort}`;
export const testNextAuthSecret = 'test-secret-test-secret-test-secret';
export const testStandInPorts = { stripe: testServerPort + 1, pusher: testServerPort + 2 };

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
  // Mail goes to the dev mailbox, which /dev/mail shows even in this production build.
  MAIL_DRIVER: 'dev',
  RATE_LIMIT_RESERVE_FAN: '20/5',
  RATE_LIMIT_RESERVE_IP: '100000/60',
  RATE_LIMIT_WAITLIST_FAN: '30/5',
  RATE_LIMIT_SIGN_IN_FAN: '8/10',
  RATE_LIMIT_SIGN_IN_IP: '100000/60',
  RATE_LIMIT_SIGN_UP_IP: '100000/60',
};
