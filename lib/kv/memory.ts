import { createMemoryQueues } from './memory-queue';
import { incrementArg, lockResult, ttlArg } from './shared';
import type { Kv } from './types';

type Entry = { value: string; expiresAt: number | null };

// Expired entries are also dropped on read; the sweep only bounds memory for keys nobody reads.
const SWEEP_INTERVAL_MS = 30_000;

export function createMemoryKv(opts: { prefix: string }): Kv {
  const store = new Map<string, Entry>();
  const k = (key: string) => opts.prefix + key;
  // Queues live apart from the string store; a queue is addressed by its members key.
  const queues = createMemoryQueues();

  function live(key: string, now = Date.now()): Entry | undefined {
    const entry = store.get(key);
    if (entry?.expiresAt != null && entry.expiresAt <= now) {
      store.delete(key);
      return undefined;
    }
    return entry;
  }

  const sweep = setInterval(() => {
    const now = Date.now();
    for (const key of store.keys()) live(key, now);
  }, SWEEP_INTERVAL_MS);
  // The sweep alone must not keep a script or test process alive.
  sweep.unref();

  // Every method runs synchronously inside its promise, so each is atomic like a Lua script.
  return {
    driver: 'memory',

    async get(key) {
      return live(k(key))?.value ?? null;
    },

    async set(key, value, ttlMs) {
      const expiresAt = ttlMs === undefined ? null : Date.now() + ttlArg(ttlMs);
      store.set(k(key), { value, expiresAt });
    },

    async del(keys) {
      return keys.filter((key) => live(k(key)) && store.delete(k(key))).length;
    },

    async incr(key, by = 1, ttlMs) {
      const step = incrementArg(by);
      const ttl = ttlMs === undefined ? undefined : ttlArg(ttlMs);
      const entry = live(k(key));
      const next = (entry ? Number(entry.value) : 0) + step;
      if ((entry && !/^-?\d+$/.test(entry.value)) || !Number.isSafeInteger(next)) {
        throw new Error('ERR value is not an integer or out of range');
      }
      const expiresAt = entry ? entry.expiresAt : ttl === undefined ? null : Date.now() + ttl;
      store.set(k(key), { value: String(next), expiresAt });
      return next;
    },

    async pttl(key) {
      const entry = live(k(key));
      if (!entry) return -2;
      if (entry.expiresAt === null) return -1;
      return entry.expiresAt - Date.now();
    },

    async hitWindows(windows) {
      const now = Date.now();
      return windows.map(({ key, windowMs }) => {
        const ttl = ttlArg(windowMs);
        const entry = live(k(key), now);
        const count = (entry ? Number(entry.value) : 0) + 1;
        const expiresAt = entry?.expiresAt ?? now + ttl;
        store.set(k(key), { value: String(count), expiresAt });
        return { count, ttlMs: expiresAt - now };
      });
    },

    async acquireLocks(keys, owner, ttlMs) {
      const ttl = ttlArg(ttlMs);
      const taken: number[] = [];
      keys.forEach((key, i) => {
        const holder = live(k(key))?.value;
        if (holder !== undefined && holder !== owner) taken.push(i + 1);
      });
      if (taken.length === 0) {
        const expiresAt = Date.now() + ttl;
        for (const key of keys) store.set(k(key), { value: owner, expiresAt });
      }
      return lockResult(keys, taken);
    },

    async releaseLocks(keys, owner) {
      return keys.filter((key) => live(k(key))?.value === owner && store.delete(k(key))).length;
    },

    async extendLocks(keys, owner, ttlMs) {
      const expiresAt = Date.now() + ttlArg(ttlMs);
      return keys.filter((key) => {
        const entry = live(k(key));
        if (entry?.value !== owner) return false;
        entry.expiresAt = expiresAt;
        return true;
      }).length;
    },

    async queueVisit(keys, args) {
      return queues.visit(k(keys.members), args, ttlArg(args.ttlMs));
    },

    async queueRequeue(keys, fan, ttlMs) {
      return queues.requeue(k(keys.members), fan, ttlArg(ttlMs));
    },

    async queueRange(keys, start, stop) {
      return queues.range(k(keys.members), start, stop);
    },

    async queueLedger(keys) {
      return queues.ledger(k(keys.members));
    },

    up: () => true,

    async close() {
      clearInterval(sweep);
      store.clear();
      queues.clear();
    },
  };
}
