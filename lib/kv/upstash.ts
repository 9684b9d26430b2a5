import { errors, Redis } from '@upstash/redis';
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

export function createUpstashKv(url: string, token: string, opts: { prefix: string; timeoutMs: number }): Kv {
  const redis = new Redis({
    url,
    token,
    // Values are opaque strings to this port; by default the client would JSON.parse "42" into 42.
    automaticDeserialization: false,
    // The client's default is 5 retries with backoff, about 4 s in all; a caller would hang.
    retry: false,
    // A function, not one signal: each request gets a fresh deadline, and the client rethrows an
    // aborted request instead of turning a plain signal's abort into a fake "Aborted" result.
    // Only a backstop: health.ts judges the real deadline without counting our own busy loop.
    signal: () => AbortSignal.timeout(Math.max(5_000, opts.timeoutMs * 20)),
    enableTelemetry: false,
  });
  // createScript runs EVALSHA and falls back to EVAL once when the server has not seen the script.
  const acquire = redis.createScript<number[]>(ACQUIRE_LOCKS);
  const release = redis.createScript<number>(RELEASE_LOCKS);
  const extend = redis.createScript<number>(EXTEND_LOCKS);
  const incrWithTtl = redis.createScript<number>(INCR_WITH_TTL);
  const queueVisit = redis.createScript<unknown[]>(QUEUE_VISIT);
  const queueRequeue = redis.createScript<number>(QUEUE_REQUEUE);
  const queueLedger = redis.createScript<unknown[]>(QUEUE_LEDGER);
  const hitWindows = redis.createScript<unknown[]>(HIT_WINDOWS);
  const health = createKvHealth({
    name: 'upstash',
    timeoutMs: opts.timeoutMs,
    probe: () => redis.ping(),
    // The REST API answered with a command error: the store is up.
    isStoreReply: (error) => error instanceof errors.UpstashError,
  });

  const k = (key: string) => opts.prefix + key;
  const queueKeys = (q: QueueKeys) => [k(q.members), k(q.state), k(q.admitted), k(q.joined)];

  const run = <T>(call: () => Promise<T>): Promise<T> => health.run(call);

  return {
    driver: 'upstash',

    get: (key) => run(() => redis.get<string>(k(key))),

    async set(key, value, ttlMs) {
      const ttl = ttlMs === undefined ? undefined : ttlArg(ttlMs);
      await run(() => (ttl === undefined ? redis.set(k(key), value) : redis.set(k(key), value, { px: ttl })));
    },

    async del(keys) {
      if (keys.length === 0) return 0;
      return run(() => redis.del(...keys.map(k)));
    },

    async incr(key, by = 1, ttlMs) {
      const step = incrementArg(by);
      if (ttlMs === undefined) return run(() => redis.incrby(k(key), step));
      const ttl = ttlArg(ttlMs);
      return run(() => incrWithTtl.exec([k(key)], [String(step), String(ttl)]));
    },

    pttl: (key) => run(() => redis.pttl(k(key))),

    async hitWindows(windows) {
      if (windows.length === 0) return [];
      const argv = hitWindowsArgs(windows);
      return windowCounts(
        await run(() =>
          hitWindows.exec(
            windows.map((w) => k(w.key)),
            argv,
          ),
        ),
      );
    },

    async acquireLocks(keys, owner, ttlMs) {
      if (keys.length === 0) return { ok: true };
      const ttl = String(ttlArg(ttlMs));
      const taken = await run(() => acquire.exec(keys.map(k), [owner, ttl]));
      return lockResult(keys, taken);
    },

    async releaseLocks(keys, owner) {
      if (keys.length === 0) return 0;
      return run(() => release.exec(keys.map(k), [owner]));
    },

    async extendLocks(keys, owner, ttlMs) {
      if (keys.length === 0) return 0;
      const ttl = String(ttlArg(ttlMs));
      return run(() => extend.exec(keys.map(k), [owner, ttl]));
    },

    async queueVisit(keys, args) {
      const argv = queueVisitArgv(args, ttlArg(args.ttlMs));
      return queueVisitResult(await run(() => queueVisit.exec(queueKeys(keys), argv)));
    },

    async queueRequeue(keys, fan, ttlMs) {
      const ttl = String(ttlArg(ttlMs));
      return (await run(() => queueRequeue.exec(queueKeys(keys), [fan, ttl]))) === 1;
    },

    queueRange: (keys, start, stop) => run(() => redis.zrange<string[]>(k(keys.members), start, stop)),

    async queueLedger(keys) {
      return queueLedgerOf(await run(() => queueLedger.exec(queueKeys(keys), [])));
    },

    up: () => health.up(),

    // Stateless HTTP: only the health probe to stop.
    close: async () => health.close(),
  };
}
