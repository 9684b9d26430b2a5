import { randomUUID } from 'node:crypto';
import { deleteKeys } from '@/lib/testing/delete-keys';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { createRedisKv } from '@/lib/kv/redis';
import { testKvPrefix, testRedisUrl } from '@/lib/testing/test-env';
import { enforceRateLimit } from './enforce';
import { hitFixedWindow } from './fixed-window';

const prefix = `${testKvPrefix}rl:${randomUUID().slice(0, 8)}:`;
const kv = createRedisKv(testRedisUrl, { prefix, timeoutMs: 2_000 });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterAll(async () => {
  await kv.close();
  await deleteKeys(prefix);
});

describe('fixed-window rate limit on the kv port', () => {
  it('allows the limit, refuses the next with the time left, and recovers after the window', async () => {
    const rule = { limit: 3, windowMs: 1_000 };
    const key = `k:${randomUUID()}`;
    for (let i = 0; i < 3; i++) expect(await hitFixedWindow(kv, key, rule)).toEqual({ ok: true });
    const refused = await hitFixedWindow(kv, key, rule);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.retryAfterMs).toBeGreaterThan(0);
    if (!refused.ok) expect(refused.retryAfterMs).toBeLessThanOrEqual(1_000);
    await sleep(1_100);
    expect(await hitFixedWindow(kv, key, rule)).toEqual({ ok: true });
  });

  it('counts concurrent hits exactly', async () => {
    const key = `k:${randomUUID()}`;
    const verdicts = await Promise.all(Array.from({ length: 50 }, () => hitFixedWindow(kv, key, { limit: 20, windowMs: 10_000 })));
    expect(verdicts.filter((v) => v.ok)).toHaveLength(20);
  });

  it('throws 429 rate_limited with retryAfterSeconds when either the fan or the IP is over', async () => {
    const rules = { fan: { limit: 2, windowMs: 2_000 }, ip: { limit: 3, windowMs: 60_000 } };
    const ip = `ip-${randomUUID()}`;
    await enforceRateLimit(kv, 'reserve', { fan: 'fan-1', ip }, rules);
    await enforceRateLimit(kv, 'reserve', { fan: 'fan-1', ip }, rules);
    const overFan = await enforceRateLimit(kv, 'reserve', { fan: 'fan-1', ip }, rules).catch((e: unknown) => e);
    expect(overFan).toBeInstanceOf(AppError);
    expect(overFan).toMatchObject({ code: 'rate_limited', status: 429, details: { retryAfterSeconds: 2 } });
    // A different fan behind the same address trips the per-IP limit (3 in the window).
    const overIp = await enforceRateLimit(kv, 'reserve', { fan: 'fan-2', ip }, rules).catch((e: unknown) => e);
    expect(overIp).toMatchObject({ code: 'rate_limited', details: { retryAfterSeconds: 60 } });
  });

  it('fails open when the kv store is down', async () => {
    const dead = createRedisKv('redis://127.0.0.1:1', { prefix, timeoutMs: 200 });
    try {
      const started = Date.now();
      await expect(enforceRateLimit(dead, 'sign-in', { fan: 'x', ip: 'y' }, { fan: { limit: 1, windowMs: 1_000 } })).resolves.toBeUndefined();
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      await dead.close();
    }
  });
});
