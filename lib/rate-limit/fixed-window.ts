import type { Kv } from '@/lib/kv/types';

export type RateRule = { limit: number; windowMs: number };
export type RateVerdict = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * A fixed window on one kv counter: the first hit creates the counter with the window as its
 * ttl (atomically, so a crash cannot leave an immortal counter), later hits only count. A burst
 * at a window's edge may pass up to twice the limit; for abuse control that is fine and costs
 * one round trip, where a sliding log would cost a sorted set per fan.
 */
export async function hitFixedWindow(kv: Kv, key: string, rule: RateRule): Promise<RateVerdict> {
  const count = await kv.incr(key, 1, rule.windowMs);
  if (count <= rule.limit) return { ok: true };
  const ttl = await kv.pttl(key);
  // -1/-2: the counter vanished or lost its ttl between the calls; one full window is the honest wait.
  return { ok: false, retryAfterMs: ttl > 0 ? ttl : rule.windowMs };
}
