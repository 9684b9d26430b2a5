import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '@/lib/errors';
import { createRedisKv } from '@/lib/kv/redis';
import type { Kv } from '@/lib/kv/types';
import { deleteKeys } from '@/lib/testing/delete-keys';
import { startPrivateRedis, type PrivateRedis } from '@/lib/testing/private-redis';
import { testKvPrefix, testRedisUrl } from '@/lib/testing/test-env';
import { enforceLimits, enforceRateLimit } from './enforce';

const prefix = `${testKvPrefix}rl:${randomUUID().slice(0, 8)}:`;
const kv = createRedisKv(testRedisUrl, { prefix, timeoutMs: 2_000 });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e,
  );

afterAll(async () => {
  await kv.close();
  await deleteKeys(prefix);
});

describe('fixed-window rate limits on the kv port', () => {
  it('allows the limit, refuses the next with the time left, and recovers after the window', async () => {
    const check = { key: `k:${randomUUID()}`, rule: { limit: 3, windowMs: 1_000 } };
    for (let i = 0; i < 3; i++) await enforceLimits(kv, [check]);
    const refused = await rejection(enforceLimits(kv, [check]));
    expect(refused).toMatchObject({ code: 'rate_limited', status: 429, details: { retryAfterSeconds: 1 } });
    await sleep(1_100);
    await expect(enforceLimits(kv, [check])).resolves.toBeUndefined();
  });

  it('counts concurrent hits exactly', async () => {
    const check = { key: `k:${randomUUID()}`, rule: { limit: 20, windowMs: 10_000 } };
    const results = await Promise.all(Array.from({ length: 50 }, () => rejection(enforceLimits(kv, [check]))));
    expect(results.filter((r) => r === null)).toHaveLength(20);
    expect(results.filter((r) => r instanceof AppError && r.code === 'rate_limited')).toHaveLength(30);
  });

  it('throws 429 when either the fan or the IP is over', async () => {
    const rules = { fan: { limit: 2, windowMs: 2_000 }, ip: { limit: 3, windowMs: 60_000 } };
    const ip = `ip-${randomUUID()}`;
    const fan1 = `fan-${randomUUID()}`;
    await enforceRateLimit(kv, 'reserve', { fan: fan1, ip }, rules);
    await enforceRateLimit(kv, 'reserve', { fan: fan1, ip }, rules);
    expect(await rejection(enforceRateLimit(kv, 'reserve', { fan: fan1, ip }, rules))).toMatchObject({
      code: 'rate_limited',
      details: { retryAfterSeconds: 2 },
    });
    // A different fan behind the same address trips the per-IP limit (3 in the window).
    expect(await rejection(enforceRateLimit(kv, 'reserve', { fan: `fan-${randomUUID()}`, ip }, rules))).toMatchObject({
      code: 'rate_limited',
      details: { retryAfterSeconds: 60 },
    });
  });
});

describe('rate limits while the kv store is down (issue 17)', () => {
  let redis: PrivateRedis;
  let privateKv: Kv;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    privateKv = createRedisKv(redis.url, { prefix: 'rl:', timeoutMs: 100 });
  });
  afterAll(async () => {
    await privateKv.close();
    await redis.stop();
  });

  it('keep applying per instance, say so once, and are shared again when the store is back', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    try {
      const check = { key: `down:${randomUUID()}`, rule: { limit: 5, windowMs: 60_000 } };
      await enforceLimits(privateKv, [check]); // counted in Redis
      await redis.kill();

      const started = performance.now();
      const outcomes = [];
      for (let i = 0; i < 8; i++) outcomes.push(await rejection(enforceLimits(privateKv, [check])));
      // Never switched off: the in-process windows refuse past the limit (5 here, counted afresh).
      expect(outcomes.slice(0, 5)).toEqual([null, null, null, null, null]);
      expect(outcomes.slice(5).every((o) => o instanceof AppError && o.code === 'rate_limited')).toBe(true);
      // And nobody waited on the dead store.
      expect(performance.now() - started).toBeLessThan(1_000);
      const switched = warn.mock.calls.flat().filter((m) => String(m).includes('limits now count per instance'));
      expect(switched).toHaveLength(1);

      await redis.restart();
      await vi.waitFor(() => expect(privateKv.up()).toBe(true), { timeout: 10_000, interval: 100 });
      const fresh = { key: `back:${randomUUID()}`, rule: { limit: 1, windowMs: 60_000 } };
      await enforceLimits(privateKv, [fresh]);
      expect(info.mock.calls.flat().some((m) => String(m).includes('limits are shared between instances again'))).toBe(true);
      // Counted in Redis again: a second client of the same store sees the count.
      const other = createRedisKv(redis.url, { prefix: 'rl:', timeoutMs: 1_000 });
      try {
        expect(await rejection(enforceLimits(other, [fresh]))).toMatchObject({ code: 'rate_limited' });
      } finally {
        await other.close();
      }
    } finally {
      warn.mockRestore();
      info.mockRestore();
    }
  });
});
