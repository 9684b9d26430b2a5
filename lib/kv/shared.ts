import { AppError } from '@/lib/errors';
import type { LockResult, QueueLedger, QueueVisit, QueueVisitArgs, WindowCount, WindowHit } from './types';

// Helpers every driver uses, so the three agree on edge cases.

/** Redis wants a whole, positive number of ms; a zero or negative ttl is a caller bug. */
export function ttlArg(ttlMs: number): number {
  if (!(ttlMs >= 1) || !Number.isFinite(ttlMs)) throw new RangeError(`kv: invalid ttl ${ttlMs} ms`);
  return Math.ceil(ttlMs);
}

export function incrementArg(by: number): number {
  if (!Number.isSafeInteger(by)) throw new RangeError(`kv: increment must be an integer, got ${by}`);
  return by;
}

/** Maps the acquire script's 1-based positions back to the caller's logical keys. */
export function lockResult(keys: string[], takenPositions: number[]): LockResult {
  if (takenPositions.length === 0) return { ok: true };
  return { ok: false, taken: takenPositions.flatMap((i) => keys.slice(i - 1, i)) };
}

/**
 * Every transport failure (timeout, refused connection, server error) becomes one 503 code, so
 * callers can fall back to Postgres without knowing the driver. The cause stays for the logs;
 * the message never carries hosts or ports.
 */
export function kvUnavailable(cause: unknown): AppError {
  const error = new AppError('unavailable', 'Temporary storage is unavailable. Please try again.');
  error.cause = cause;
  return error;
}

/** The visit script's reply as a typed result; -1 stands for "none" in Lua. */
export function queueVisitResult(reply: unknown[]): QueueVisit {
  const [rank, size, frontier, admittedAt] = reply.map(Number) as [number, number, number, number];
  return { rank: rank < 0 ? null : rank, size, frontier, admittedAt: admittedAt < 0 ? null : admittedAt };
}

/** The QUEUE_LEDGER script's reply: fans, then two flat [field, value, ...] hashes. */
export function queueLedgerOf(reply: unknown[]): QueueLedger {
  const [fans, joined, admitted] = reply as [string[], string[], string[]];
  const times = (flat: string[]) => {
    const map = new Map<string, number>();
    for (let i = 0; i + 1 < flat.length; i += 2) map.set(String(flat[i]), Number(flat[i + 1]));
    return map;
  };
  const [j, a] = [times(joined), times(admitted)];
  return fans.map((f) => String(f)).map((fan) => ({ fan, joinedAt: j.get(fan) ?? null, admittedAt: a.get(fan) ?? null }));
}

export function queueVisitArgv(a: QueueVisitArgs, ttl: number): string[] {
  return [a.fan, String(a.now), String(a.onSaleAt), String(a.perMs), String(a.score), a.join ? '1' : '0', String(ttl)];
}

export function hitWindowsArgs(windows: WindowHit[]): string[] {
  return windows.map((w) => String(ttlArg(w.windowMs)));
}

/** The HIT_WINDOWS script's flat reply as one {count, ttlMs} per window. */
export function windowCounts(reply: unknown[]): WindowCount[] {
  const out: WindowCount[] = [];
  for (let i = 0; i + 1 < reply.length; i += 2) out.push({ count: Number(reply[i]), ttlMs: Number(reply[i + 1]) });
  return out;
}
