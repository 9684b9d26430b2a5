import { randomUUID } from 'node:crypto';
import { deleteKeys } from '@/lib/testing/delete-keys';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedisKv } from '@/lib/kv/redis';
import { testKvPrefix, testRedisUrl } from '@/lib/testing/test-env';
import { queueKeys } from './keys';
import { visitQueue, type QueueSettings } from './queue';

// 10,000 virtual fans against the real Redis with a simulated clock: 6,000 arrive in the hour
// before the on-sale (a tenth of them open a second tab), 4,000 after it at twice the outflow
// rate, so the queue stays backed up for the whole drain.

const prefix = `${testKvPrefix}wr-sim:${randomUUID().slice(0, 8)}:`;
const kv = createRedisKv(testRedisUrl, { prefix, timeoutMs: 10_000 });
const T0 = Date.UTC(2030, 0, 1, 18);
const settings: QueueSettings = {
  eventId: randomUUID(),
  mode: 'on',
  onSaleAt: T0,
  eventDate: T0 + 3_600_000,
  outflowPerMinute: 1_000,
  admissionWindowSeconds: 3_600,
  autoThresholdPerMinute: 3_000,
};

afterAll(async () => {
  await kv.close();
  await deleteKeys(prefix);
});

function spearman(xs: number[], ys: number[]): number {
  // Both are permutations of 0..n-1 here (ranks already), so the closed form applies.
  const n = xs.length;
  const d2 = xs.reduce((sum, x, i) => sum + (x - ys[i]!) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

describe('waiting room: 10,000 fans', () => {
  it('admits everyone once, shuffles early arrivals, keeps later ones in order, at the outflow rate', async () => {
    const early = Array.from({ length: 6_000 }, (_, i) => ({ fan: `early-${i}`, at: T0 - 3_600_000 + i * 600 }));
    const late = Array.from({ length: 4_000 }, (_, i) => ({ fan: `late-${i}`, at: T0 + 1 + i * 30 }));

    // Early arrivals, in arrival order, with second tabs from every tenth fan along the way.
    const joins = early.flatMap((a, i) => (i % 10 === 0 && i > 0 ? [a, { ...early[i - 5]!, at: a.at }] : [a]));
    for (let i = 0; i < joins.length; i += 500) {
      await Promise.all(joins.slice(i, i + 500).map((a) => visitQueue(kv, settings, a.fan, { join: true, now: a.at })));
    }
    const beforeSale = await visitQueue(kv, settings, 'early-0', { join: true, now: T0 - 1 });
    expect(beforeSale).toMatchObject({ state: 'before_sale', total: 6_000 });

    const admitted: string[] = [];
    const perMinute = new Map<number, number>();
    let nextLate = 0;
    let frontier = 0;
    for (let t = T0 + 1_000; admitted.length < 10_000; t += 1_000) {
      // Later arrivals up to this second, each at its own time, in one ordered pipeline.
      const arriving = [];
      while (nextLate < late.length && late[nextLate]!.at <= t) arriving.push(late[nextLate++]!);
      await Promise.all(arriving.map((a) => visitQueue(kv, settings, a.fan, { join: true, now: a.at })));

      const { frontier: moved } = await kv.queueVisit(queueKeys(settings.eventId), {
        fan: '~clock',
        now: t,
        onSaleAt: T0,
        perMs: settings.outflowPerMinute / 60_000,
        score: 0,
        join: false,
        ttlMs: 7_200_000,
      });
      if (moved > frontier) {
        const batch = await kv.queueRange(queueKeys(settings.eventId), frontier, moved - 1);
        const seen = await Promise.all(batch.map((fan) => visitQueue(kv, settings, fan, { join: false, now: t })));
        seen.forEach((s, i) => expect(s.state, batch[i]).toBe('admitted'));
        admitted.push(...batch);
        const minute = Math.floor((t - 1 - T0) / 60_000);
        perMinute.set(minute, (perMinute.get(minute) ?? 0) + batch.length);
        frontier = moved;
      }
      // The next fan in line is not admitted yet, and is told so.
      const [next] = await kv.queueRange(queueKeys(settings.eventId), frontier, frontier);
      if (next)
        expect(await visitQueue(kv, settings, next, { join: false, now: t })).toMatchObject({ state: 'waiting', position: 1, ahead: 0 });
      if (t > T0 + 3_600_000) throw new Error('the queue did not drain');
    }

    // Every fan exactly once.
    expect(admitted).toHaveLength(10_000);
    expect(new Set(admitted).size).toBe(10_000);

    // Early arrivals: admission order uncorrelated with arrival order.
    const earlyOrder = admitted.filter((f) => f.startsWith('early-')).map((f) => Number(f.slice(6)));
    const admissionRank = new Array<number>(earlyOrder.length);
    earlyOrder.forEach((arrival, position) => (admissionRank[arrival] = position));
    const rho = spearman(
      early.map((_, i) => i),
      admissionRank,
    );

    // Later arrivals: exactly arrival order, and all after every early fan.
    const lateOrder = admitted.filter((f) => f.startsWith('late-'));
    expect(lateOrder).toEqual(late.map((a) => a.fan));
    expect(admitted.slice(0, 6_000).every((f) => f.startsWith('early-'))).toBe(true);

    // Outflow: every full minute of the drain admits the configured rate.
    const fullMinutes = [...perMinute.entries()].filter(([m]) => m < Math.floor(10_000 / settings.outflowPerMinute));
    const worst = Math.max(...fullMinutes.map(([, n]) => Math.abs(n - settings.outflowPerMinute) / settings.outflowPerMinute));
    console.log(
      `waiting-room simulation: Spearman rho (early arrival vs admission) = ${rho.toFixed(4)}; ` +
        `admitted per minute ${fullMinutes.map(([, n]) => n).join(', ')} (target ${settings.outflowPerMinute}, worst deviation ${(worst * 100).toFixed(2)}%)`,
    );
    expect(Math.abs(rho)).toBeLessThan(0.05);
    expect(fullMinutes.length).toBeGreaterThanOrEqual(9);
    expect(worst).toBeLessThanOrEqual(0.05);
  });
});
