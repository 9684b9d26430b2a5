import 'server-only';
import { span } from '@/lib/timing/spans';
import type { Kv } from './types';

/**
 * Read-through JSON cache. Redis is an accelerator, never the authority: any kv failure is a
 * miss and the caller still gets `load()`. A zero ttl turns caching off.
 */
export async function cachedJson<T>(kv: Kv, key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T> {
  if (ttlSeconds <= 0) return load();
  const hit = await span('kv-cache', () => kv.get(key)).catch(() => null);
  if (hit !== null) {
    try {
      return JSON.parse(hit) as T;
    } catch {
      // A corrupt entry (say, written by an older build) is a miss; the write below replaces it.
    }
  }
  const value = await load();
  const json = JSON.stringify(value);
  // Not awaited: the response should not wait on the cache, and a failed write only costs a miss.
  if (json !== undefined) kv.set(key, json, ttlSeconds * 1000).catch(() => {});
  return value;
}

/** Drops a cached entry. A failure is ignored: the entry still expires by its ttl. */
export async function invalidate(kv: Kv, key: string): Promise<void> {
  await kv.del([key]).catch(() => 0);
}
