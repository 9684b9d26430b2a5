import { Redis, ReplyError } from 'ioredis';
import { createKvHealth } from './health';
import {
  ACQUIRE_LOCKS,
  EXTEND_LOCKS,
  HIT_WINDOWS,
  INCR_WITH_TTL,
  QUEUE_LEDGER,
  QUEUE_REQUEUE,
  QUEUE_VISIT,
  RELEASE_LOCKS,
} from './scripts';
import { hitWindowsArgs, incrementArg, lockResult, queueLedgerOf, queueVisitArgv, queueVisitResult, ttlArg, windowCounts } from './shared';
import type { Kv, QueueKeys } from './types';

type Arg = string | number;

// Commands registered with defineCommand: EVALSHA with a transparent EVAL fallback, one round trip.
type Scripted = Redis & {
  kvAcquire(numKeys: number, ...args: Arg[]): Promise<number[]>;
  kvRelease(numKeys: number, ...args: Arg[]): Promise<number>;
  kvExtend(numKeys: number, ...args: Arg[]): Promise<number>;
  kvIncr(numKeys: number, ...args: Arg[]): Promise<number>;
  kvQueueVisit(numKeys: number, ...args: Arg[]): Promise<unknown[]>;
  kvQueueRequeue(numKeys: number, ...args: Arg[]): Promise<number>;
  kvQueueLedger(numKeys: number, ...args: Arg[]): Promise<unknown[]>;
  kvHitWindows(numKeys: number, ...args: Arg[]): Promise<unknown[]>;
};

export function createRedisKv(url: string, opts: { prefix: string; timeoutMs: number }): Kv {
  const client = new Redis(url, {
    // Only a backstop for a hung server: deadlines are judged by health.ts, which does not
    // mistake our own busy event loop for a slow Redis (a 250 ms ioredis timer would).
    commandTimeout: Math.max(5_000, opts.timeoutMs * 20),
    // A slow TLS handshake may take longer than one call; callers are not waiting on it.
    connectTimeout: Math.max(1_000, opts.timeoutMs * 4),
    maxRetriesPerRequest: 1,
    // Keep reconnecting in the background forever; calls never wait for it (see `offline`).
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
    // Commands issued in the same tick by concurrent requests (an on-sale's rate limits and seat
    // locks) go out in one write and come back in one read, instead of a syscall each.
    enableAutoPipelining: true,
  }) as Scripted;
  client.defineCommand('kvAcquire', { lua: ACQUIRE_LOCKS });
  client.defineCommand('kvRelease', { lua: RELEASE_LOCKS });
  client.defineCommand('kvExtend', { lua: EXTEND_LOCKS });
  client.defineCommand('kvIncr', { lua: INCR_WITH_TTL });
  client.defineCommand('kvQueueVisit', { lua: QUEUE_VISIT });
  client.defineCommand('kvQueueRequeue', { lua: QUEUE_REQUEUE });
  client.defineCommand('kvQueueLedger', { lua: QUEUE_LEDGER });
  client.defineCommand('kvHitWindows', { lua: HIT_WINDOWS });

  const health = createKvHealth({
    name: 'redis',
    timeoutMs: opts.timeoutMs,
    probe: () => client.ping(),
    isStoreReply: (error) => error instanceof ReplyError,
  });

  // After a lost connection, calls fail at once instead of joining the offline queue: a queued
  // lock script that timed out for its caller would otherwise still run on reconnect and strand
  // a lock nobody knows about.
  let offline = false;
  let closing = false;
  client.on('error', (error: Error) => {
    if (!closing && client.status !== 'ready') health.connectionLost(error.message);
  });
  client.on('close', () => {
    offline = true;
    if (!closing) health.connectionLost('connection closed');
  });
  client.on('ready', () => {
    offline = false;
    health.connectionBack();
  });

  const k = (key: string) => opts.prefix + key;
  const queueKeys = (q: QueueKeys) => [k(q.members), k(q.state), k(q.admitted), k(q.joined)];

  function run<T>(call: () => Promise<T>): Promise<T> {
    if (offline) return health.run(() => Promise.reject(new Error('redis connection is down')));
    return health.run(call);
  }

  return {
    driver: 'redis',

    get: (key) => run(() => client.get(k(key))),

    async set(key, value, ttlMs) {
      const ttl = ttlMs === undefined ? undefined : ttlArg(ttlMs);
      await run(() => (ttl === undefined ? client.set(k(key), value) : client.set(k(key), value, 'PX', ttl)));
    },

    async del(keys) {
      if (keys.length === 0) return 0;
      return run(() => client.del(...keys.map(k)));
    },

    async incr(key, by = 1, ttlMs) {
      const step = incrementArg(by);
      if (ttlMs === undefined) return run(() => client.incrby(k(key), step));
      const ttl = ttlArg(ttlMs);
      return run(() => client.kvIncr(1, k(key), step, ttl));
    },

    pttl: (key) => run(() => client.pttl(k(key))),

    async hitWindows(windows) {
      if (windows.length === 0) return [];
      const argv = hitWindowsArgs(windows);
      return windowCounts(await run(() => client.kvHitWindows(windows.length, ...windows.map((w) => k(w.key)), ...argv)));
    },

    async acquireLocks(keys, owner, ttlMs) {
      if (keys.length === 0) return { ok: true };
      const ttl = ttlArg(ttlMs);
      const taken = await run(() => client.kvAcquire(keys.length, ...keys.map(k), owner, ttl));
      return lockResult(keys, taken);
    },

    async releaseLocks(keys, owner) {
      if (keys.length === 0) return 0;
      return run(() => client.kvRelease(keys.length, ...keys.map(k), owner));
    },

    async extendLocks(keys, owner, ttlMs) {
      if (keys.length === 0) return 0;
      const ttl = ttlArg(ttlMs);
      return run(() => client.kvExtend(keys.length, ...keys.map(k), owner, ttl));
    },

    async queueVisit(keys, args) {
      const argv = queueVisitArgv(args, ttlArg(args.ttlMs));
      return queueVisitResult(await run(() => client.kvQueueVisit(4, ...queueKeys(keys), ...argv)));
    },

    async queueRequeue(keys, fan, ttlMs) {
      const ttl = ttlArg(ttlMs);
      return (await run(() => client.kvQueueRequeue(4, ...queueKeys(keys), fan, ttl))) === 1;
    },

    queueRange: (keys, start, stop) => run(() => client.zrange(k(keys.members), start, stop)),

    async queueLedger(keys) {
      return queueLedgerOf(await run(() => client.kvQueueLedger(4, ...queueKeys(keys))));
    },

    up: () => !offline && health.up(),

    async close() {
      closing = true;
      health.close();
      if (client.status === 'ready') {
        await client.quit().catch(() => client.disconnect());
      } else {
        client.disconnect();
      }
    },
  };
}
