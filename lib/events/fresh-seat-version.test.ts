import { afterAll, describe, expect, it } from 'vitest';
import { db, type DbOrTx } from '@/db';
import { testSql } from '@/lib/testing/db';
import { createEvent } from '@/lib/testing/factories';
import { freshSeatVersion } from './fresh-seat-version';

const sql = testSql();
afterAll(() => sql.end());

/** The app's database, counting the statements sent through it. */
function counting(): { db: DbOrTx; reads: () => number } {
  let reads = 0;
  const wrapped = new Proxy(db, {
    get(target, prop, receiver) {
      // Statements go out through execute() (raw SQL) or select() (the query builder).
      if (prop !== 'execute' && prop !== 'select') return Reflect.get(target, prop, receiver);
      const method = Reflect.get(target, prop, receiver) as (...args: unknown[]) => unknown;
      return (...args: unknown[]) => {
        reads++;
        return method.apply(target, args);
      };
    },
  });
  return { db: wrapped, reads: () => reads };
}

describe('freshSeatVersion', () => {
  it('never answers a caller with a version read before it called, even while a read is in flight', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 2 });
    const { db: counted } = counting();
    for (let round = 1; round <= 20; round++) {
      const early = freshSeatVersion(counted, event.eventId);
      // The change commits while `early`'s read may already be on its way...
      await sql`update events set seat_version = ${round} where id = ${event.eventId}`;
      // ...so a caller that arrives after the commit must see it, whatever is in flight.
      const late = freshSeatVersion(counted, event.eventId);
      expect(await late).toBe(round);
      expect(await early).toBeGreaterThanOrEqual(round - 1);
    }
  });

  it('serves 200 concurrent callers with at most two reads', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 2 });
    await sql`update events set seat_version = 7 where id = ${event.eventId}`;
    const { db: counted, reads } = counting();
    const versions = await Promise.all(Array.from({ length: 200 }, () => freshSeatVersion(counted, event.eventId)));
    expect(new Set(versions)).toEqual(new Set([7]));
    expect(reads()).toBeGreaterThanOrEqual(1);
    expect(reads()).toBeLessThanOrEqual(2);
  });

  it('answers null for an event that does not exist, and passes a failure to every waiter', async () => {
    expect(await freshSeatVersion(db, '00000000-0000-4000-8000-000000000000')).toBeNull();
    // Every way of querying fails when awaited, as it would with the database down: execute()
    // and select() hand back a query builder whose every step chains and whose await rejects.
    const failing: unknown = new Proxy(() => {}, {
      get: (_target, prop) => (prop === 'then' ? (_ok: unknown, fail: (e: Error) => void) => fail(new Error('db down')) : () => failing),
      apply: () => failing,
    });
    const broken = new Proxy(db, {
      get: (target, prop, receiver) => (prop === 'execute' || prop === 'select' ? failing : Reflect.get(target, prop, receiver)),
    });
    const id = '00000000-0000-4000-8000-000000000001';
    const all = await Promise.allSettled([freshSeatVersion(broken, id), freshSeatVersion(broken, id), freshSeatVersion(broken, id)]);
    expect(all.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : 'fulfilled'))).toEqual([
      'db down',
      'db down',
      'db down',
    ]);
    expect(await freshSeatVersion(db, id)).toBeNull();
  });
});
