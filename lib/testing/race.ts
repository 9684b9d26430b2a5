// Fires all tasks at once and reports what a load test would: throughput and latency percentiles.
export type Timed<T> = { ok: true; value: T; ms: number } | { ok: false; error: unknown; ms: number };

export async function race<T>(tasks: Array<() => Promise<T>>) {
  const started = performance.now();
  const results: Timed<T>[] = await Promise.all(
    tasks.map(async (task) => {
      const t0 = performance.now();
      try {
        const value = await task();
        return { ok: true as const, value, ms: performance.now() - t0 };
      } catch (error) {
        return { ok: false as const, error, ms: performance.now() - t0 };
      }
    }),
  );
  const wallMs = performance.now() - started;
  const sorted = results.map((r) => r.ms).sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  return { results, wallMs, perSecond: (results.length / wallMs) * 1000, p50: pct(50), p99: pct(99) };
}

/** A deterministic pseudo-random generator so a failing race can be replayed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
