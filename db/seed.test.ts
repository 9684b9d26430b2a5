import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertLocalDatabase, testDatabaseUrl, testKvPrefix, testRedisUrl } from '@/lib/testing/test-env';
import { runMigrations } from './migrate';
import { seed } from './seed';
import { buildPerformers, buildVenues } from './seed/catalogue';
import { scheduleDemoOnSale } from './seed/demo-on-sale';
import { generateEvents } from './seed/events';

// Seeds two throwaway databases of its own, so it never touches the shared test database.
const suffix = randomBytes(4).toString('hex');
const names = [`tb_seed_test_${suffix}_a`, `tb_seed_test_${suffix}_b`];
const urlOf = (name: string) => Object.assign(new URL(testDatabaseUrl), { pathname: `/${name}` }).toString();
const admin = postgres(urlOf('postgres'), { max: 1, onnotice: () => {} });

beforeAll(async () => {
  for (const name of names) {
    assertLocalDatabase(urlOf(name));
    await admin.unsafe(`create database "${name}"`);
    await runMigrations(urlOf(name));
  }
});

afterAll(async () => {
  for (const name of names) await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
});

async function snapshot(url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const events = await sql`select id, name, date, on_sale_at, city, currency from events order by id`;
    const [tickets] = await sql<{ count: number; digest: string }[]>`
      select count(*)::int as count,
             md5(string_agg(concat_ws('/', id, event_id, seat_index, section, "row", number, tier, price_minor, currency, status), ',' order by id)) as digest
      from tickets`;
    // Every event has one ticket per seat of its venue, indexed 0..capacity-1, in the map's order
    // (lib/catalogue walks it) and priced by its section's tier.
    const [mismatched] = await sql`
      select count(*)::int as count from events e join venues v on v.id = e.venue_id
      where (select count(*) from tickets t where t.event_id = e.id) <> v.capacity
         or (select max(seat_index) from tickets t where t.event_id = e.id) <> v.capacity - 1`;
    const [onSaleAfterShow] = await sql`select count(*)::int as count from events where on_sale_at >= date`;
    return { events, tickets, mismatched: mismatched?.count, onSaleAfterShow: onSaleAfterShow?.count };
  } finally {
    await sql.end();
  }
}

describe('seed', () => {
  it('fills an empty database the same way every time, then skips it', async () => {
    const now = new Date();
    const first = await seed(urlOf(names[0]!), { events: 20, now });
    await seed(urlOf(names[1]!), { events: 20, now });
    expect(first).toMatchObject({ performers: 150, venues: 40, events: 20, skipped: false });
    expect(first.tickets).toBeGreaterThan(20 * 1_000);

    const [a, b] = [await snapshot(urlOf(names[0]!)), await snapshot(urlOf(names[1]!))];
    expect(a.events).toHaveLength(20);
    expect(a.tickets?.count).toBe(first.tickets);
    expect(a.mismatched).toBe(0);
    expect(a.onSaleAfterShow).toBe(0);
    expect(b).toEqual(a);

    const messages: string[] = [];
    const again = await seed(urlOf(names[0]!), { events: 20, log: (m) => messages.push(m) });
    expect(again).toMatchObject({ skipped: true, events: 0, tickets: 0 });
    expect(messages).toEqual(['already seeded']);
  });

  it('opens the demo on-sale a few minutes from each start, queued, and forgets its old queue', async () => {
    const url = urlOf(names[0]!);
    const prefix = `${testKvPrefix}demo-${suffix}:`;
    const redis = new Redis(testRedisUrl);
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const before = Date.now();
      const first = await scheduleDemoOnSale(url, 3, { redisUrl: testRedisUrl, prefix });
      expect(first).not.toBeNull();
      await redis.set(`${prefix}wr:${first!.id}:members`, 'an old queue');
      const again = await scheduleDemoOnSale(url, 3, { redisUrl: testRedisUrl, prefix });
      expect(again!.id).toBe(first!.id);
      expect(await redis.exists(`${prefix}wr:${first!.id}:members`)).toBe(0);
      const [row] = await sql`
        select e.on_sale_at, e.date, e.queue_mode, v.kind, (select count(*)::int from tickets t where t.event_id = e.id) as tickets
        from events e join venues v on v.id = e.venue_id where e.external_id is not null`;
      expect(row).toMatchObject({ queue_mode: 'on', kind: 'theatre' });
      expect(row!.tickets).toBeGreaterThan(0);
      const opensIn = (row!.on_sale_at as Date).getTime() - before;
      expect(opensIn).toBeGreaterThan(170_000);
      expect(opensIn).toBeLessThan(190_000);
      expect((row!.date as Date).getTime()).toBeGreaterThan(before + 7 * 86_400_000 - 86_400_000);
    } finally {
      redis.disconnect();
      await sql.end();
    }
  });

  it('draws the first events the same whatever the total, so a large catalogue extends the default one', () => {
    const performers = buildPerformers();
    const venues = buildVenues();
    const today = new Date('2030-01-01T00:00:00Z');
    const few = [...generateEvents(20, performers, venues, today)];
    const many = [...generateEvents(2_000, performers, venues, today)];
    expect(many.slice(0, 20).map((e) => [e.id, e.name, e.date])).toEqual(few.map((e) => [e.id, e.name, e.date]));
    expect(new Set(many.map((e) => e.id)).size).toBe(2_000);
  });
});
