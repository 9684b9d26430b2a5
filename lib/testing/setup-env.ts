import { testBaseUrl, testNextAuthSecret, testStandInPorts } from './server-env';
import { testDatabaseUrl, testKvPrefix, testRedisUrl } from './test-env';

// Runs in each test worker before any module reads lib/env.
process.env.DATABASE_URL = testDatabaseUrl;
process.env.REDIS_URL = testRedisUrl;
process.env.KV_PREFIX = testKvPrefix;
process.env.KV_DRIVER ??= 'redis';
process.env.NEXTAUTH_SECRET ??= testNextAuthSecret;
process.env.E2E_BASE_URL ??= testBaseUrl;
// The Stripe stand-in that scripts/test/server.ts starts, with the keys scripts/standins.ts gives it.
process.env.STRIPE_SECRET_KEY ??= 'sk_test_local_standin';
process.env.STRIPE_WEBHOOK_SECRET ??= 'whsec_local_standin_secret';
process.env.STRIPE_API_URL ??= `http://127.0.0.1:${testStandInPorts.stripe}`;
