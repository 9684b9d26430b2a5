import 'server-only';

/**
 * A per-process cache of one load per key for `ttlMs`: callers within that time share the same
 * promise (so a burst costs one query), a failed load is dropped at once rather than served, and
 * the oldest key goes first past `maxKeys`. For values that may be a few seconds old.
 */
export function shortCache<T>(ttlMs: number, maxKeys = 10_000) {
  const cache = new Map<string, { at: number; value: Promise<T> }>();
  return (key: string, load: () => Promise<T>): Promise<T> => {
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < ttlMs) return hit.value;
    const value = load();
    value.catch(() => cache.delete(key));
    cache.set(key, { at: Date.now(), value });
    if (cache.size > maxKeys) cache.delete(cache.keys().next().value!);
    return value;
  };
}
