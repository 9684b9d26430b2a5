import 'server-only';
import { env, kvDriverName } from '@/lib/env';
import { createMemoryKv } from './memory';
import { createRedisKv } from './redis';
import type { Kv } from './types';
import { createUpstashKv } from './upstash';

export type { Kv, LockResult } from './types';

// One client per process: Next's dev server re-evaluates modules on every edit, and each
// evaluation would otherwise open another Redis connection.
const globalForKv = globalThis as typeof globalThis & { ticketboothKv?: Kv };

export function getKv(): Kv {
  globalForKv.ticketboothKv ??= createKv();
  return globalForKv.ticketboothKv;
}

function createKv(): Kv {
  const opts = { prefix: env.KV_PREFIX, timeoutMs: env.KV_TIMEOUT_MS };
  switch (kvDriverName()) {
    case 'redis':
      if (!env.REDIS_URL) throw new Error('KV_DRIVER=redis needs REDIS_URL');
      return createRedisKv(env.REDIS_URL, opts);
    case 'upstash':
      if (!env.UPSTASH_REDIS_REST_URL || !env.UPSTASH_REDIS_REST_TOKEN) {
        throw new Error('KV_DRIVER=upstash needs UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN');
      }
      return createUpstashKv(env.UPSTASH_REDIS_REST_URL, env.UPSTASH_REDIS_REST_TOKEN, opts);
    case 'memory':
      console.warn(
        'kv: using the in-process store; it serves one instance only — set REDIS_URL or UPSTASH_REDIS_REST_URL for more',
      );
      return createMemoryKv(opts);
  }
}
