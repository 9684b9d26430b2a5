import Redis from 'ioredis';
import { testRedisUrl } from './test-env';

/** Deletes every key under a test prefix in the real Redis (SCAN, so it never blocks the server). */
export async function deleteKeys(prefix: string, redisUrl = testRedisUrl): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
