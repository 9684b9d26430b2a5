import { testBaseUrl, testNextAuthSecret } from './server-env';
import { testDatabaseUrl, testKvPrefix, testRedisUrl } from './test-env';

// Runs in each test worker before any module reads lib/env.
process.env.DATABASE_URL = testDatabaseUrl;
process.env.REDIS_URL = testRedisUrl;
process.env.KV_PREFIX = testKvPrefix;
process.env.KV_DRIVER ??= 'redis';
process.env.NEXTAUTH_SECRET ??= testNextAuthSecret;
process.env.E2E_BASE_URL ??= testBaseUrl;
