import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { events } from '@/db/schema';
import { eq } from 'drizzle-orm';
import { getKv } from '@/lib/kv';
import { testSql } from '@/lib/testing/db';
import { createEvent } from '@/lib/testing/factories';
import { testKvPrefix, testRedisUrl } from '@/lib/testing/test-env';
import { noteArrival } from './auto-queue';
import { requeueFan, visitQueue, type QueueSettings } from './queue';
import { queuedEventIds } from './queued-events';
import { getQueueSettings } from './settings';

const sql = testSql();
const kv = getKv();

afterAll(async () => {
  await sql.end();
  const redis = new Redis(testRedisUrl);
  const keys = await redis.keys(`${testKvPrefix}wr:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

const settings = (over: Partial<QueueSettings> = {}): QueueSettings => ({
  eventId: randomUUID(),
  mode: 'on',
  onSaleAt: Date.now() - 60_000,
  eventDate: Date.now() + 86_400_000,
  outflowPerMinute: 60,
  admissionWindowSeconds: 120,
  autoThresholdPerMinute: 3,
  ...over,
});

describe('admission window', () => {
  it('tells a fan whose window passed, and lets them rejoin at the back only then', async () => {
    const s = settings();
    const t = s.onSaleAt + 10_000;
    expect(await visitQueue(kv, s, 'ann', { join: true, now: t })).toEqual({ state: 'admitted', windowEndsAt: t + 120_000 });
    await visitQueue(kv, s, 'bob', { join: true, now: t });
    // Inside the window a rejoin is refused: a double click must not cost a valid admission.
    expect(await requeueFan(kv, s, 'ann', t + 60_000)).toBe(false);
    const late = t + 121_000;
    expect(await visitQueue(kv, s, 'ann', { join: true, now: late })).toEqual({ state: 'window_passed', windowEndsAt: t + 120_000 });
    expect(await requeueFan(kv, s, 'ann', late)).toBe(true);
    // Bob was admitted meanwhile; Ann is behind him and waits for the frontier again.
    expect(await visitQueue(kv, s, 'bob', { join: false, now: late })).toMatchObject({ state: 'admitted' });
    expect(await visitQueue(kv, s, 'ann', { join: false, now: late })).toMatchObject({ state: 'waiting', position: 1, total: 2 });
    expect(await visitQueue(kv, s, 'ann', { join: false, now: late + 1_000 })).toEqual({
      state: 'admitted',
      windowEndsAt: late + 1_000 + 120_000,
    });
  });

  it('shows a countdown before the sale, then a place with ETA and progress', async () => {
    const s = settings({ onSaleAt: Date.now() + 60_000, outflowPerMinute: 2 });
    for (const fan of ['a', 'b', 'c', 'd']) {
      expect(await visitQueue(kv, s, fan, { join: true, now: s.onSaleAt - 1_000 })).toMatchObject({
        state: 'before_sale',
        onSaleAt: s.onSaleAt,
      });
    }
    // Of the four waiting, at two a minute, the first quarter (one fan) is in after 30 s, half after 60 s.
    expect(await visitQueue(kv, s, 'd', { join: false, now: s.onSaleAt - 1_000 })).toMatchObject({
      total: 4,
      waits: { p25Seconds: 30, p50Seconds: 60 },
    });
    const views = await Promise.all(['a', 'b', 'c', 'd'].map((fan) => visitQueue(kv, s, fan, { join: false, now: s.onSaleAt + 30_000 })));
    const waiting = views.filter((v) => v.state === 'waiting');
    expect(views.filter((v) => v.state === 'admitted')).toHaveLength(1);
    expect(waiting.map((v) => v.position).sort()).toEqual([1, 2, 3]);
    const last = waiting.find((v) => v.position === 3)!;
    expect(last).toMatchObject({ ahead: 2, total: 4, etaSeconds: 90, progress: 0.25 });
    // Three still waiting: a quarter of them is one fan (30 s), half is two (60 s).
    expect(last).toMatchObject({ waits: { p25Seconds: 30, p50Seconds: 60 } });
  });
});

describe("'auto' queue mode", () => {
  it('queues an event once arrivals per minute pass its threshold', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 2 });
    await db.update(events).set({ queueMode: 'auto', queueAutoThresholdPerMinute: 3 }).where(eq(events.id, event.eventId));
    const s = (await getQueueSettings(db, event.eventId))!;
    expect(s.mode).toBe('auto');
    for (let i = 0; i < 3; i++) await noteArrival(kv, s);
    expect((await queuedEventIds(db, kv, { fresh: true })).has(event.eventId)).toBe(false);
    await noteArrival(kv, s);
    await expect.poll(async () => (await queuedEventIds(db, kv, { fresh: true })).has(event.eventId), { timeout: 5_000 }).toBe(true);
  });
});
