import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startPrivateRedis, type PrivateRedis } from '@/lib/testing/private-redis';
import { createKvHealth, withLoopFairDeadline } from './health';
import { createRedisKv } from './redis';
import type { Kv } from './types';

// The kv store's health is judged by the store, not by our own event loop (issue 17).

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** What a busy Next process does to every timer: nothing else runs for `ms`. */
function blockEventLoop(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
}

describe('a deadline that ignores our own busy event loop', () => {
  it('lets a reply that arrived while the loop was blocked win over the timer', async () => {
    // The reply is ready after 5 ms, the deadline is 50 ms, and the loop is blocked for 300 ms
    // right after the call: when it frees up, both the timer and the reply are due.
    const reply = new Promise((resolve) => setTimeout(() => resolve('pong'), 5));
    const call = withLoopFairDeadline(reply, 50);
    blockEventLoop(300);
    await expect(call).resolves.toBe('pong');
  });

  it('still times out a store that really does not answer', async () => {
    const started = performance.now();
    await expect(withLoopFairDeadline(new Promise(() => {}), 50)).rejects.toThrow(/no reply within 50 ms/);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('opens the breaker only after consecutive failures, fails fast while open, and closes on a good probe', async () => {
    let storeUp = false;
    const log = vi.fn();
    const health = createKvHealth({
      name: 'fake',
      timeoutMs: 20,
      probe: () => (storeUp ? Promise.resolve('PONG') : Promise.reject(new Error('refused'))),
      probeIntervalMs: 50,
      log,
    });
    const down = () => Promise.reject(new Error('refused'));
    await expect(health.run(down)).rejects.toMatchObject({ code: 'unavailable' });
    await expect(health.run(down)).rejects.toMatchObject({ code: 'unavailable' });
    expect(health.up()).toBe(true); // two failures are not an outage
    await expect(health.run(down)).rejects.toMatchObject({ code: 'unavailable' });
    expect(health.up()).toBe(false);
    expect(log).toHaveBeenCalledTimes(1);

    // While open nothing waits on the store.
    let called = false;
    await expect(health.run(() => ((called = true), Promise.resolve(1)))).rejects.toMatchObject({ code: 'unavailable' });
    expect(called).toBe(false);

    storeUp = true;
    await sleep(200);
    expect(health.up()).toBe(true);
    await expect(health.run(() => Promise.resolve(42))).resolves.toBe(42);
    expect(log).toHaveBeenCalledTimes(2); // one line down, one line back: per transition, not per call
    health.close();
  });
});

describe('redis driver under a busy event loop and real outages', () => {
  let redis: PrivateRedis;
  let kv: Kv;
  const prefix = `health:${randomUUID().slice(0, 8)}:`;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    kv = createRedisKv(redis.url, { prefix, timeoutMs: 50 });
  });
  afterAll(async () => {
    await kv.close();
    await redis.stop();
  });

  it('never marks a healthy Redis down, however long our own loop is blocked', async () => {
    const warn = vi.spyOn(console, 'warn');
    try {
      for (let i = 0; i < 10; i++) {
        const call = kv.incr(`busy:${i}`);
        blockEventLoop(150); // three times the 50 ms deadline, every time
        await expect(call).resolves.toBe(1);
      }
      expect(kv.up()).toBe(true);
      expect(warn.mock.calls.flat().join('\n')).not.toMatch(/unavailable/);
    } finally {
      warn.mockRestore();
    }
  });

  it('a plain timer deadline, as before, would have called that same Redis dead', async () => {
    // The control for the test above: the old 250 ms ioredis commandTimeout was such a timer.
    const naive = <T>(p: Promise<T>, ms: number) =>
      Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);
    const call = naive(kv.get('anything'), 50);
    blockEventLoop(150);
    await expect(call).rejects.toThrow('timeout');
  });

  it('fails fast once Redis is hung, and recovers by itself when it answers again', async () => {
    redis.pause();
    try {
      for (let i = 0; i < 3; i++) await expect(kv.get('x')).rejects.toMatchObject({ code: 'unavailable' });
      expect(kv.up()).toBe(false);
      const started = performance.now();
      await expect(kv.get('x')).rejects.toMatchObject({ code: 'unavailable' });
      expect(performance.now() - started).toBeLessThan(20);
    } finally {
      redis.resume();
    }
    await vi.waitFor(() => expect(kv.up()).toBe(true), { timeout: 5_000, interval: 100 });
    await expect(kv.set('x', 'back')).resolves.toBeUndefined();
  });

  it('fails fast at once when Redis is killed, and recovers when it is restarted', async () => {
    await redis.kill();
    await vi.waitFor(() => expect(kv.up()).toBe(false), { timeout: 2_000, interval: 20 });
    const started = performance.now();
    await expect(kv.get('x')).rejects.toMatchObject({ code: 'unavailable' });
    expect(performance.now() - started).toBeLessThan(20);
    await redis.restart();
    await vi.waitFor(() => expect(kv.up()).toBe(true), { timeout: 10_000, interval: 100 });
    await expect(kv.incr('after-restart')).resolves.toBe(1);
  });
});
