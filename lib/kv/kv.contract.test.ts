import { randomUUID } from 'node:crypto';
import { deleteKeys } from '@/lib/testing/delete-keys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUpstashBridge, type UpstashBridge } from '@/scripts/upstash-bridge';
import { testKvPrefix, testRedisUrl } from '@/lib/testing/test-env';
import { cachedJson } from './cache';
import { createMemoryKv } from './memory';
import { createRedisKv } from './redis';
import type { Kv } from './types';
import { createUpstashKv } from './upstash';

// One contract, three drivers: the Redis and Upstash drivers run against the real local Redis
// (Upstash through the REST bridge), so all three must agree on every edge case below.

const prefix = `${testKvPrefix}kv:${randomUUID().slice(0, 8)}:`;
const token = `bridge-${randomUUID()}`;
// Generous for a loaded CI machine; the fail-fast tests below use a short timeout of their own.
const timeoutMs = 2_000;
let bridge: UpstashBridge;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  bridge = await startUpstashBridge({ port: 0, redisUrl: testRedisUrl, token });
});

afterAll(async () => {
  await bridge.close();
  await deleteKeys(prefix);
});

// `shared`: separate instances see the same data, so the race can run over several connections.
const drivers: [string, { shared: boolean; make: () => Kv }][] = [
  ['redis', { shared: true, make: () => createRedisKv(testRedisUrl, { prefix: `${prefix}redis:`, timeoutMs }) }],
  ['upstash', { shared: true, make: () => createUpstashKv(bridge.url, token, { prefix: `${prefix}upstash:`, timeoutMs }) }],
  ['memory', { shared: false, make: () => createMemoryKv({ prefix: `${prefix}memory:` }) }],
];

describe.each(drivers)('kv contract: %s', (driver, { shared, make }) => {
  let kv: Kv;
  let n = 0;
  // Fresh keys per test, so no test depends on another's leftovers.
  const key = (name: string) => `${name}:${++n}`;

  beforeAll(() => {
    kv = make();
  });
  afterAll(async () => {
    await kv.close();
  });

  it('reports its driver', () => {
    expect(kv.driver).toBe(driver);
  });

  it('round-trips values as opaque strings', async () => {
    for (const value of ['plain', '42', '{"a":1}', 'true', 'null', 'ünïcødé ✓ 🎟', '', 'OK']) {
      const k = key('str');
      await kv.set(k, value);
      expect(await kv.get(k)).toBe(value);
    }
    expect(await kv.get(key('missing'))).toBeNull();
  });

  it('expires a value after its ttl', async () => {
    const k = key('ttl');
    await kv.set(k, 'soon gone', 100);
    expect(await kv.get(k)).toBe('soon gone');
    await sleep(250);
    expect(await kv.get(k)).toBeNull();
  });

  it('reports pttl: remaining ms, -1 without ttl, -2 when missing', async () => {
    const withTtl = key('pttl');
    const withoutTtl = key('pttl');
    await kv.set(withTtl, 'x', 5_000);
    await kv.set(withoutTtl, 'x');
    const remaining = await kv.pttl(withTtl);
    expect(remaining).toBeGreaterThan(4_000);
    expect(remaining).toBeLessThanOrEqual(5_000);
    expect(await kv.pttl(withoutTtl)).toBe(-1);
    expect(await kv.pttl(key('pttl'))).toBe(-2);
  });

  it('deletes keys and counts the ones that existed', async () => {
    const [a, b, c] = [key('del'), key('del'), key('del')];
    await kv.set(a, '1');
    await kv.set(b, '2');
    expect(await kv.del([a, b, c])).toBe(2);
    expect(await kv.get(a)).toBeNull();
    expect(await kv.del([])).toBe(0);
  });

  it('increments counters, setting the ttl only when the counter is new', async () => {
    const plain = key('count');
    expect(await kv.incr(plain)).toBe(1);
    expect(await kv.incr(plain, 5)).toBe(6);
    expect(await kv.incr(plain, -2)).toBe(4);
    expect(await kv.pttl(plain)).toBe(-1);

    const windowed = key('count');
    expect(await kv.incr(windowed, 1, 300)).toBe(1);
    await sleep(100);
    expect(await kv.incr(windowed, 1, 300)).toBe(2);
    // The second call must not have pushed the window out again.
    expect(await kv.pttl(windowed)).toBeLessThanOrEqual(250);
    await sleep(300);
    expect(await kv.incr(windowed, 1, 300)).toBe(1);
  });

  it('counts fixed windows in one call: a count per window, the window set only when new', async () => {
    const [a, b] = [key('window'), key('window')];
    const first = await kv.hitWindows([
      { key: a, windowMs: 300 },
      { key: b, windowMs: 60_000 },
    ]);
    expect(first.map((w) => w.count)).toEqual([1, 1]);
    expect(first[0]!.ttlMs).toBeGreaterThan(200);
    expect(first[0]!.ttlMs).toBeLessThanOrEqual(300);
    expect(first[1]!.ttlMs).toBeGreaterThan(59_000);
    await sleep(100);
    const second = await kv.hitWindows([{ key: a, windowMs: 300 }]);
    expect(second[0]!.count).toBe(2);
    // The second hit must not have pushed the window out again.
    expect(second[0]!.ttlMs).toBeLessThanOrEqual(220);
    await sleep(250);
    expect((await kv.hitWindows([{ key: a, windowMs: 300 }]))[0]!.count).toBe(1);
    expect(await kv.hitWindows([])).toEqual([]);
  });

  it('counts concurrent window hits exactly', async () => {
    const k = key('window');
    const counts = await Promise.all(Array.from({ length: 40 }, () => kv.hitWindows([{ key: k, windowMs: 10_000 }])));
    expect(counts.map((c) => c[0]!.count).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('acquires a lock set all-or-nothing and names exactly the taken keys', async () => {
    const [a, b, c, d] = [key('lock'), key('lock'), key('lock'), key('lock')];
    expect(await kv.acquireLocks([a, b], 'alice', 10_000)).toEqual({ ok: true });

    const result = await kv.acquireLocks([c, a, d, b], 'bob', 10_000);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : [...result.taken].sort()).toEqual([a, b].sort());
    // The free keys in bob's request were not set either.
    expect(await kv.get(c)).toBeNull();
    expect(await kv.get(d)).toBeNull();
    expect(await kv.get(a)).toBe('alice');
    expect(await kv.acquireLocks([], 'bob', 10_000)).toEqual({ ok: true });
  });

  it('lets the same owner re-acquire keys it already holds', async () => {
    const [a, b, c] = [key('lock'), key('lock'), key('lock')];
    expect(await kv.acquireLocks([a, b], 'alice', 10_000)).toEqual({ ok: true });
    expect(await kv.acquireLocks([b, c], 'alice', 10_000)).toEqual({ ok: true });
    expect(await kv.acquireLocks([c], 'bob', 10_000)).toEqual({ ok: false, taken: [c] });
  });

  it('releases only the keys the owner still holds', async () => {
    const [a, b, c] = [key('lock'), key('lock'), key('lock')];
    await kv.acquireLocks([a, b], 'alice', 10_000);
    await kv.acquireLocks([c], 'bob', 10_000);
    expect(await kv.releaseLocks([a, b, c], 'alice')).toBe(2);
    expect(await kv.get(a)).toBeNull();
    expect(await kv.get(b)).toBeNull();
    expect(await kv.get(c)).toBe('bob');
    expect(await kv.releaseLocks([], 'alice')).toBe(0);
  });

  it('extends only the keys the owner still holds', async () => {
    const [a, b, c] = [key('lock'), key('lock'), key('lock')];
    await kv.acquireLocks([a, b], 'alice', 1_000);
    await kv.acquireLocks([c], 'bob', 1_000);
    expect(await kv.extendLocks([a, b, c], 'alice', 60_000)).toBe(2);
    expect(await kv.pttl(a)).toBeGreaterThan(50_000);
    expect(await kv.pttl(b)).toBeGreaterThan(50_000);
    expect(await kv.pttl(c)).toBeLessThanOrEqual(1_000);
  });

  it('lets another owner take a lock once it expires', async () => {
    const [a, b] = [key('lock'), key('lock')];
    await kv.acquireLocks([a, b], 'alice', 100);
    expect(await kv.acquireLocks([b], 'bob', 10_000)).toEqual({ ok: false, taken: [b] });
    await sleep(250);
    expect(await kv.acquireLocks([b], 'bob', 10_000)).toEqual({ ok: true });
    // Alice's late release must not free the lock bob now holds.
    expect(await kv.releaseLocks([a, b], 'alice')).toBe(0);
    expect(await kv.get(b)).toBe('bob');
  });

  describe('waiting-room queue', () => {
    const onSaleAt = 1_000_000;
    const perMs = 1 / 1_000; // one fan a second
    const queue = () => ({ members: key('q:m'), state: key('q:s'), admitted: key('q:a'), joined: key('q:j') });
    const visit = (q: ReturnType<typeof queue>, fan: string, now: number, score = 0.5, join = true) =>
      kv.queueVisit(q, { fan, now, onSaleAt, perMs, score, join, ttlMs: 60_000 });

    it('shuffles early fans by their draw, keeps one place per fan, then queues later fans in arrival order', async () => {
      const q = queue();
      await visit(q, 'early-a', onSaleAt - 5_000, 0.9);
      await visit(q, 'early-b', onSaleAt - 4_000, 0.1);
      // A second tab of early-a draws again: the first draw stands.
      await visit(q, 'early-a', onSaleAt - 3_000, 0.05);
      await visit(q, 'late-c', onSaleAt, 0.01);
      await visit(q, 'late-d', onSaleAt, 0.0);
      expect(await kv.queueRange(q, 0, -1)).toEqual(['early-b', 'early-a', 'late-c', 'late-d']);
      const peek = await visit(q, 'nobody', onSaleAt, 0.5, false);
      expect(peek).toEqual({ rank: null, size: 4, frontier: 0, admittedAt: null });
    });

    it('moves the frontier at the outflow rate, never past the queue, and admits each fan once', async () => {
      const q = queue();
      for (const fan of ['a', 'b', 'c']) await visit(q, fan, onSaleAt - 1_000, fan === 'a' ? 0.1 : fan === 'b' ? 0.2 : 0.3);
      expect(await visit(q, 'b', onSaleAt + 1_500)).toEqual({ rank: 1, size: 3, frontier: 1, admittedAt: null });
      expect(await visit(q, 'b', onSaleAt + 2_000)).toEqual({ rank: 1, size: 3, frontier: 2, admittedAt: onSaleAt + 2_000 });
      // Admission time is the first one seen, however often the fan polls.
      expect((await visit(q, 'b', onSaleAt + 2_500)).admittedAt).toBe(onSaleAt + 2_000);
      // An hour later the frontier stops at the end of the queue: no burst is banked for newcomers.
      expect((await visit(q, 'c', onSaleAt + 3_600_000)).frontier).toBe(3);
      expect(await visit(q, 'd', onSaleAt + 3_600_000)).toEqual({ rank: 3, size: 4, frontier: 3, admittedAt: null });
      expect((await visit(q, 'd', onSaleAt + 3_601_000)).admittedAt).toBe(onSaleAt + 3_601_000);
    });

    it('requeues only an admitted fan, at the back', async () => {
      const q = queue();
      await visit(q, 'a', onSaleAt);
      await visit(q, 'b', onSaleAt);
      expect(await kv.queueRequeue(q, 'b', 60_000)).toBe(false);
      expect((await visit(q, 'a', onSaleAt + 1_000)).admittedAt).toBe(onSaleAt + 1_000);
      expect(await kv.queueRequeue(q, 'a', 60_000)).toBe(true);
      expect(await kv.queueRange(q, 0, -1)).toEqual(['b', 'a']);
      // The frontier stepped back with the place a gave up: b is not let in by a leaving.
      expect(await visit(q, 'a', onSaleAt + 1_000)).toEqual({ rank: 1, size: 2, frontier: 0, admittedAt: null });
      expect(await visit(q, 'b', onSaleAt + 2_000)).toMatchObject({ rank: 0, frontier: 1, admittedAt: onSaleAt + 2_000 });
    });

    it('keeps a ledger of first arrivals and admissions in place order', async () => {
      const q = queue();
      expect(await kv.queueLedger(q)).toEqual([]);
      await visit(q, 'early', onSaleAt - 2_000, 0.7);
      await visit(q, 'early', onSaleAt - 1_000, 0.7);
      await visit(q, 'late', onSaleAt + 500);
      await visit(q, 'early', onSaleAt + 1_200);
      expect(await kv.queueLedger(q)).toEqual([
        { fan: 'early', joinedAt: onSaleAt - 2_000, admittedAt: onSaleAt + 1_200 },
        { fan: 'late', joinedAt: onSaleAt + 500, admittedAt: null },
      ]);
    });
  });

  it('never gives one key to two owners under 200 concurrent overlapping requests', async () => {
    const seats = Array.from({ length: 30 }, () => key('race'));
    const clients = shared ? [kv, make(), make(), make()] : [kv];
    const requests = Array.from({ length: 200 }, (_, i) => {
      const start = Math.floor(Math.random() * seats.length);
      const size = 1 + Math.floor(Math.random() * 4);
      const wanted = [...new Set(Array.from({ length: size }, (_, j) => seats[(start + j * 7) % seats.length]!))];
      return { owner: `owner-${i}`, keys: wanted, client: clients[i % clients.length]! };
    });

    const results = await Promise.all(requests.map((r) => r.client.acquireLocks(r.keys, r.owner, 60_000)));
    const holders = new Map(await Promise.all(seats.map(async (s) => [s, await kv.get(s)] as const)));

    const claimed = new Map<string, string>();
    results.forEach((result, i) => {
      const { owner, keys } = requests[i]!;
      if (result.ok) {
        for (const k of keys) {
          expect(holders.get(k), `${owner} was told it holds ${k}`).toBe(owner);
          expect(claimed.get(k), `${k} granted twice`).toBeUndefined();
          claimed.set(k, owner);
        }
      } else {
        expect(result.taken.length).toBeGreaterThan(0);
        expect(keys).toEqual(expect.arrayContaining(result.taken));
        for (const k of keys) expect(holders.get(k), `${owner} failed but holds ${k}`).not.toBe(owner);
      }
    });
    // Every held key belongs to a winner, and some requests did lose the race.
    for (const [seat, holder] of holders) if (holder !== null) expect(claimed.get(seat)).toBe(holder);
    expect(results.some((r) => r.ok)).toBe(true);
    expect(results.some((r) => !r.ok)).toBe(true);

    await Promise.all(clients.filter((c) => c !== kv).map((c) => c.close()));
  });
});

describe('kv when the server is down', () => {
  const deadOpts = { prefix, timeoutMs: 300 };

  async function settlesWithin<T>(ms: number, promise: Promise<T>): Promise<PromiseSettledResult<T>> {
    const started = Date.now();
    const [settled] = await Promise.allSettled([promise]);
    expect(Date.now() - started).toBeLessThan(ms);
    return settled!;
  }

  it.each([
    ['redis', () => createRedisKv('redis://127.0.0.1:1', deadOpts)],
    ['upstash', () => createUpstashKv('http://127.0.0.1:1', token, deadOpts)],
  ])('%s rejects quickly instead of hanging', async (_name, make) => {
    const kv = make();
    try {
      expect((await settlesWithin(1_000, kv.get('x'))).status).toBe('rejected');
      expect((await settlesWithin(1_000, kv.acquireLocks(['a', 'b'], 'alice', 10_000))).status).toBe('rejected');
      expect((await settlesWithin(1_000, kv.incr('n', 1, 1_000))).status).toBe('rejected');
      expect((await settlesWithin(1_000, kv.hitWindows([{ key: 'w', windowMs: 1_000 }]))).status).toBe('rejected');
    } finally {
      await kv.close();
    }
  });

  it('cachedJson still serves the loaded value', async () => {
    const kv = createRedisKv('redis://127.0.0.1:1', deadOpts);
    try {
      const settled = await settlesWithin(
        1_000,
        cachedJson(kv, 'event:1', 60, async () => ({ id: 1 })),
      );
      expect(settled).toEqual({ status: 'fulfilled', value: { id: 1 } });
    } finally {
      await kv.close();
    }
  });
});

describe('cachedJson', () => {
  it('loads once, then serves the cached copy', async () => {
    const kv = createMemoryKv({ prefix });
    let loads = 0;
    const load = async () => ({ loads: ++loads });
    expect(await cachedJson(kv, 'k', 60, load)).toEqual({ loads: 1 });
    await sleep(0);
    expect(await cachedJson(kv, 'k', 60, load)).toEqual({ loads: 1 });
    await kv.close();
  });
});

describe('upstash bridge', () => {
  it('refuses a request without the token', async () => {
    const res = await fetch(bridge.url, { method: 'POST', body: JSON.stringify(['PING']) });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'Unauthorized' });
  });
});
