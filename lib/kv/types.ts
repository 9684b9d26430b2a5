// The kv port: locks, cache and counters. Redis over TCP, Upstash over REST, or in-process.
// Keys given to these methods are logical; each driver adds the configured prefix.
// Redis is an accelerator, never the authority: callers must stay correct when a call throws.

export type LockResult = { ok: true } | { ok: false; taken: string[] };

export interface Kv {
  readonly driver: 'redis' | 'upstash' | 'memory';

  get(key: string): Promise<string | null>;
  /** ttlMs omitted = no expiry */
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  del(keys: string[]): Promise<number>;
  /** Atomically adds `by` (default 1); sets the ttl when the key is new. */
  incr(key: string, by?: number, ttlMs?: number): Promise<number>;
  /** Remaining ttl in ms, -1 when the key has none, -2 when it does not exist. */
  pttl(key: string): Promise<number>;

  /**
   * All-or-nothing: sets every key to `owner` with the ttl, or none. `taken` lists the keys
   * already held by another owner. Keys already held by the same owner count as acquired.
   */
  acquireLocks(keys: string[], owner: string, ttlMs: number): Promise<LockResult>;
  /** Deletes only the keys whose value is still `owner`; returns how many it deleted. */
  releaseLocks(keys: string[], owner: string): Promise<number>;
  /** Sets a new ttl on the keys still held by `owner`; returns how many it extended. */
  extendLocks(keys: string[], owner: string, ttlMs: number): Promise<number>;

  close(): Promise<void>;
}
