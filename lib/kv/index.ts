import 'server-only';
import { env, kvDriverName } from '@/lib/env';
import { createMemoryKv } from './memory';
import { createRedisKv } from './redis';
import type { Kv } from './types';
import { createUpstashKv } from './upstash';

export type { Kv, LockResult } from './types';

// What every caller does when the store fails. "Down" is judged by the store, not by our own
// latency (health.ts): a call fails only after its deadline passed on a timer that fired on time,
// the breaker opens after three such failures in a row or a lost connection, calls then fail at
// once, and a probe closes it again. Each transition is logged once.
//
// - Rate limits (lib/rate-limit/enforce.ts): never off. The windows are counted in this process
//   instead, so with N instances a limit allows up to N times its size until the store is back.
// - The hold lock set (lib/booking/reserve-seats.ts): fails open to Postgres alone, which is the
//   authority and row-locks every claim; only contention shedding is lost. Releasing and
//   extending locks are best effort: a lock left behind expires by its ttl and never blocks a
//   seat Postgres says is free.
// - The waiting room's queue (lib/waiting-room/queue.ts): fails closed. Joining, polling and
//   admission answer 503 with Retry-After and nobody new is admitted, since nobody can be placed
//   fairly; fans already admitted keep going, because their signed token needs no store.
// - 'auto' queue counters (lib/waiting-room/auto-queue.ts): arrivals cannot be counted, so an
//   'auto' event cannot newly switch its queue on; an 'on' event is unaffected.
// - Caches (cache.ts: event details, search answers): a failure is a miss; the caller loads from
//   Postgres.
// - /api/health reports the store's state; the site stays up without it.

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
      console.warn('kv: using the in-process store; it serves one instance only — set REDIS_URL or UPSTASH_REDIS_REST_URL for more');
      return createMemoryKv(opts);
  }
}
