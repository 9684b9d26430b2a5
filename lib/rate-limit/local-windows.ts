import type { WindowCount, WindowHit } from '@/lib/kv/types';

// The per-instance stand-in for the kv store's windows while it is down: limits keep applying,
// each instance counting on its own (N instances let through up to N times a limit), instead of
// switching off exactly when a flood or an outage makes them matter.

// An attacker who sends a new key per request must not grow this without bound: past the cap the
// oldest windows are dropped (a Map iterates in insertion order), which only forgets old counts.
const maxWindows = 100_000;

const windows = new Map<string, { count: number; resetAt: number }>();

export function hitLocalWindows(hits: WindowHit[], now = Date.now()): WindowCount[] {
  return hits.map(({ key, windowMs }) => {
    let w = windows.get(key);
    if (!w || w.resetAt <= now) {
      windows.delete(key);
      w = { count: 0, resetAt: now + windowMs };
      windows.set(key, w);
      evictOverflow(now);
    }
    w.count += 1;
    return { count: w.count, ttlMs: w.resetAt - now };
  });
}

function evictOverflow(now: number): void {
  if (windows.size <= maxWindows) return;
  for (const [key, w] of windows) {
    if (w.resetAt <= now) windows.delete(key);
  }
  for (const key of windows.keys()) {
    if (windows.size <= maxWindows) break;
    windows.delete(key);
  }
}

/** For tests: forget every local window. */
export function resetLocalWindows(): void {
  windows.clear();
}
