// The kv port: locks, cache and counters. Redis over TCP, Upstash over REST, or in-process.
// Keys given to these methods are logical; each driver adds the configured prefix.
// Redis is an accelerator, never the authority: callers must stay correct when a call throws.

export type WindowHit = { key: string; windowMs: number };
export type WindowCount = { count: number; ttlMs: number };

export type LockResult = { ok: true } | { ok: false; taken: string[] };

/**
 * The four keys of one waiting-room queue: fans by score, counters and frontier, admissions (fan ->
 * first admitted, ms), arrivals (fan -> first joined, ms; kept for the operator's report).
 */
export type QueueKeys = { members: string; state: string; admitted: string; joined: string };

export type QueueVisitArgs = {
  fan: string;
  /** The caller's clock in ms, so a simulation can drive time; servers pass Date.now(). */
  now: number;
  onSaleAt: number;
  /** Outflow rate in fans per ms. */
  perMs: number;
  /** A uniform draw in [0, 1), used only if the fan joins before the on-sale. */
  score: number;
  /** false = only look: a fan who is not in the queue is not added. */
  join: boolean;
  /** Every queue key's ttl is pushed out to this on each visit. */
  ttlMs: number;
};

/** rank: 0-based place, null when not queued; frontier: how many places are admitted. */
export type QueueVisit = { rank: number | null; size: number; frontier: number; admittedAt: number | null };

/** Every fan of a queue in place order, with when each first joined and (if so) was admitted. */
export type QueueLedger = { fan: string; joinedAt: number | null; admittedAt: number | null }[];

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
   * Counts one hit in each fixed window (a counter whose ttl is its window, set when it is
   * created) in one atomic round trip; returns each window's count and remaining ms.
   */
  hitWindows(windows: WindowHit[]): Promise<WindowCount[]>;

  /**
   * All-or-nothing: sets every key to `owner` with the ttl, or none. `taken` lists the keys
   * already held by another owner. Keys already held by the same owner count as acquired.
   */
  acquireLocks(keys: string[], owner: string, ttlMs: number): Promise<LockResult>;
  /** Deletes only the keys whose value is still `owner`; returns how many it deleted. */
  releaseLocks(keys: string[], owner: string): Promise<number>;
  /** Sets a new ttl on the keys still held by `owner`; returns how many it extended. */
  extendLocks(keys: string[], owner: string, ttlMs: number): Promise<number>;

  /**
   * One atomic step of a waiting room: places the fan (once; a rejoin keeps the place), moves the
   * admitted frontier on by the time since its last move at the outflow rate (never past the
   * queue's end, so quiet periods bank no burst), and records when the fan was first admitted.
   */
  queueVisit(keys: QueueKeys, args: QueueVisitArgs): Promise<QueueVisit>;
  /** Moves an admitted fan to the back as a new arrival; false when the fan was not admitted. */
  queueRequeue(keys: QueueKeys, fan: string, ttlMs: number): Promise<boolean>;
  /** Fans by place, `start` to `stop` inclusive (0-based). */
  queueRange(keys: QueueKeys, start: number, stop: number): Promise<string[]>;
  /** The whole queue with arrival and admission times, for reports (reads every fan: not for polls). */
  queueLedger(keys: QueueKeys): Promise<QueueLedger>;

  /** false while the store is judged down (see health.ts); the in-process store is always up. */
  up(): boolean;

  close(): Promise<void>;
}
