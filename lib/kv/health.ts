import { kvUnavailable } from './shared';

// A kv store's health, judged by the store and never by our own event loop.
//
// Under an on-sale the Next process runs at 100% of a core. A Redis reply that arrives in 0.2 ms
// then waits in the socket until the loop is free, and a plain `setTimeout(250)` deadline fires
// first (timers run before I/O in each turn of the loop): the call looked "timed out" although
// Redis answered at once, and the rate limits switched themselves off. So:
//
// 1. A call's deadline is judged only by a timer that fired on time. A timer that fired late
//    proves our loop was busy, not that the store is slow: the call gets another grace period.
//    A timer on time still lets one round of I/O run (setImmediate runs after the poll phase)
//    before deciding, so a reply that is already in the socket wins.
// 2. One failed call does not mark the store down. The breaker opens on a lost connection or
//    after `failuresToOpen` consecutive failures; while open, calls fail at once (no fan waits on
//    a dead store) and a probe on a timer closes it again when the store answers.
// 3. Each transition is logged once, not each failed call.

export type KvHealthOptions = {
  /** Store name for the log, e.g. "redis". */
  name: string;
  /** Deadline of one call, in loop-free ms. */
  timeoutMs: number;
  /** A cheap round trip (PING) used to close the breaker again. */
  probe: () => Promise<unknown>;
  failuresToOpen?: number;
  probeIntervalMs?: number;
  /** Upper bound on one call however busy the loop is, so a hung store is still noticed. */
  hardTimeoutMs?: number;
  /** An error the store itself sent (a script error): the store is up, so it does not count. */
  isStoreReply?: (error: unknown) => boolean;
  log?: (message: string) => void;
};

export type KvHealth = {
  /** Runs one call under the deadline and the breaker; every failure becomes kvUnavailable. */
  run<T>(call: () => Promise<T>): Promise<T>;
  up(): boolean;
  /** A connection-level failure reported by the client (socket closed, refused). */
  connectionLost(reason: string): void;
  /** The client reports a usable connection again; the breaker still waits for a probe. */
  connectionBack(): void;
  close(): void;
};

export class KvTimeoutError extends Error {
  constructor(ms: number) {
    super(`no reply within ${ms} ms of free event loop`);
    this.name = 'KvTimeoutError';
  }
}

/** A timer is "late" when it fires this much after its due time: the loop, not the store, was slow. */
const lateByMs = (timeoutMs: number) => Math.max(15, timeoutMs / 4);

/**
 * Resolves or rejects with `promise`, or rejects with KvTimeoutError once `timeoutMs` have passed
 * on a timer that fired on time and one more round of I/O brought no reply; `hardTimeoutMs` caps
 * the total wall time whatever the loop does.
 */
export function withLoopFairDeadline<T>(promise: Promise<T>, timeoutMs: number, hardTimeoutMs = timeoutMs * 20): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const started = performance.now();
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      fn();
    };
    promise.then(
      (value) => finish(() => resolve(value)),
      (error: unknown) => finish(() => reject(error)),
    );
    const arm = (ms: number) => {
      const due = performance.now() + ms;
      timer = setTimeout(() => {
        if (settled) return;
        const now = performance.now();
        const late = now - due > lateByMs(timeoutMs);
        if (late && now - started < hardTimeoutMs) return arm(Math.max(5, timeoutMs / 2));
        // Let the poll phase deliver a reply that is already waiting before calling it a timeout.
        setImmediate(() => finish(() => reject(new KvTimeoutError(timeoutMs))));
      }, ms);
    };
    arm(timeoutMs);
  });
}

export function createKvHealth(opts: KvHealthOptions): KvHealth {
  const failuresToOpen = opts.failuresToOpen ?? 3;
  const probeIntervalMs = opts.probeIntervalMs ?? 1_000;
  const hardTimeoutMs = opts.hardTimeoutMs ?? Math.max(5_000, opts.timeoutMs * 20);
  const log = opts.log ?? ((m: string) => console.warn(m));
  let open = false;
  let failures = 0;
  let probing: NodeJS.Timeout | undefined;
  let closed = false;

  const trip = (reason: string) => {
    if (open || closed) return;
    open = true;
    log(`kv: ${opts.name} unavailable (${reason}); calls fail fast and callers use their fallbacks until it answers again`);
    scheduleProbe();
  };

  const recover = () => {
    failures = 0;
    if (!open) return;
    open = false;
    log(`kv: ${opts.name} is answering again`);
  };

  function scheduleProbe() {
    if (probing || closed) return;
    probing = setTimeout(async () => {
      probing = undefined;
      if (!open || closed) return;
      try {
        await withLoopFairDeadline(opts.probe(), Math.max(opts.timeoutMs, 1_000), hardTimeoutMs);
        recover();
      } catch {
        scheduleProbe();
      }
    }, probeIntervalMs);
    // A probe alone must not keep a script or test process alive.
    probing.unref();
  }

  return {
    async run(call) {
      if (open) throw kvUnavailable(new Error(`${opts.name} is marked down`));
      try {
        const value = await withLoopFairDeadline(call(), opts.timeoutMs, hardTimeoutMs);
        failures = 0;
        return value;
      } catch (error) {
        if (opts.isStoreReply?.(error)) throw kvUnavailable(error);
        if (++failures >= failuresToOpen) trip(`${failures} calls in a row failed: ${(error as Error).message}`);
        throw kvUnavailable(error);
      }
    },
    up: () => !open,
    connectionLost(reason) {
      trip(reason);
    },
    connectionBack() {
      // The probe confirms with a real round trip before calls resume.
      if (open) scheduleProbe();
    },
    close() {
      closed = true;
      if (probing) clearTimeout(probing);
    },
  };
}
