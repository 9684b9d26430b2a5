import { describe, expect, it } from 'vitest';
import { VersionedCache } from './versioned-cache';

const built =
  (value: string, version: number, stableForMs = 60_000) =>
  async () => ({ value, version, stableForMs });

describe('VersionedCache', () => {
  it('serves an entry while the version is unchanged, and rebuilds for a newer one', async () => {
    const cache = new VersionedCache<string>(4);
    expect(await cache.get('e', 1, built('v1', 1))).toBe('v1');
    expect(await cache.get('e', 1, built('never', 1))).toBe('v1');
    expect(await cache.get('e', 2, built('v2', 2))).toBe('v2');
  });

  it('never serves an entry past the moment its data turns stale', async () => {
    const cache = new VersionedCache<string>(4);
    await cache.get('e', 1, built('short', 1, 30));
    await new Promise((r) => setTimeout(r, 50));
    expect(await cache.get('e', 1, built('fresh', 1))).toBe('fresh');
  });

  it('shares one build among concurrent readers of a version', async () => {
    const cache = new VersionedCache<string>(4);
    let builds = 0;
    const slow = async () => {
      builds++;
      await new Promise((r) => setTimeout(r, 20));
      return { value: 'x', version: 3, stableForMs: 60_000 };
    };
    const values = await Promise.all(Array.from({ length: 20 }, () => cache.get('e', 3, slow)));
    expect(values.every((v) => v === 'x')).toBe(true);
    expect(builds).toBe(1);
  });

  it('keeps at most `capacity` events, dropping the least recently built', async () => {
    const cache = new VersionedCache<string>(2);
    await cache.get('a', 1, built('a', 1));
    await cache.get('b', 1, built('b', 1));
    await cache.get('c', 1, built('c', 1));
    expect(await cache.get('a', 1, built('a rebuilt', 1))).toBe('a rebuilt');
    expect(await cache.get('c', 1, built('never', 1))).toBe('c');
  });

  it('lets a failed build fail its readers and the next reader try again', async () => {
    const cache = new VersionedCache<string>(2);
    await expect(cache.get('e', 1, () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await cache.get('e', 1, built('ok', 1))).toBe('ok');
  });
});
