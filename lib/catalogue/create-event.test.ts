import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { events } from '@/db/schema';
import { eq } from 'drizzle-orm';
import { eventDetailsKey, getEventDetails, getEventView } from '@/lib/events/get-event-view';
import { createRedisKv } from '@/lib/kv/redis';
import { getSearch } from '@/lib/search';
import { testSql } from '@/lib/testing/db';
import { testKvPrefix, testRedisUrl } from '@/lib/testing/test-env';
import { generateSeatMap } from '@/lib/venues/generate-seat-map';
import { seatCount } from '@/lib/venues/seat-map';
import { stream } from '@/db/seed/random';
import { createEvent } from './create-event';
import { createPerformers } from './create-performers';
import { createVenue } from './create-venue';
import { issueTickets } from './issue-tickets';
import { seatsInOrder } from './seat-order';
import { updateEvent } from './update-event';

const sql = testSql();
const kv = createRedisKv(testRedisUrl, { prefix: `${testKvPrefix}catalogue:`, timeoutMs: 250 });
afterAll(async () => {
  await Promise.all([sql.end(), kv.close()]);
});

async function venueAndPerformer(kind: 'theatre' | 'arena' = 'arena') {
  const tag = randomUUID().slice(0, 8);
  const seatMap = generateSeatMap(kind, stream(`test-${tag}`));
  const venue = await createVenue(db, {
    name: `Catalogue Hall ${tag}`,
    kind,
    address: '1 Test Way',
    city: `Testburg ${tag}`,
    timezone: 'Europe/Berlin',
    seatMap,
  });
  const [performerId] = await createPerformers(db, [{ name: `Catalogue Act ${tag}`, genre: 'rock' }]);
  return { tag, seatMap, venueId: venue.id, performerId: performerId! };
}

const hours = (n: number) => new Date(Date.now() + n * 3600_000);

describe('createEvent and issueTickets', () => {
  it('issues one ticket per seat in the map order, priced by tier, and lists the event in its venue city', async () => {
    const { tag, seatMap, venueId, performerId } = await venueAndPerformer();
    const prices = Object.fromEntries(seatMap.tiers.map((t, i) => [t.id, 9_000 - i * 1_000]));
    const created = await createEvent(db, kv, {
      name: `Arena Night ${tag}`,
      category: 'concert',
      performerId,
      venueId,
      date: hours(48),
      onSaleAt: hours(-1),
      currency: 'eur',
      seatMap,
      prices,
    });
    expect(created.tickets).toBe(seatCount(seatMap));

    const rows =
      await sql`select seat_index, section, "row", number, tier, price_minor, currency, status from tickets where event_id = ${created.id} order by seat_index`;
    const walk = [...seatsInOrder(seatMap)];
    expect(rows.length).toBe(walk.length);
    for (const [k, seat] of walk.entries()) {
      const row = rows[k]!;
      expect([row.seat_index, row.section, row.row, row.number, row.tier, row.price_minor]).toEqual([
        seat.index,
        seat.section.id,
        seat.row.label,
        seat.seat.number,
        seat.section.tier,
        prices[seat.section.tier],
      ]);
    }
    expect(new Set(rows.map((r) => `${r.currency}/${r.status}`))).toEqual(new Set(['EUR/available']));
    const [event] = await sql`select city, seat_version from events where id = ${created.id}`;
    expect(event).toMatchObject({ city: `Testburg ${tag}` });
    expect(Number(event!.seat_version)).toBeGreaterThan(0);
    // Found by search at once (Postgres keeps documents by trigger; indexEvent refreshes them).
    const found = await getSearch().search({ keyword: `Arena Night ${tag}`, page: 1, limit: 5 });
    expect(found.events.map((e) => e.id)).toContain(created.id);
  });

  it('refuses prices that miss a tier or name one the map lacks, writing nothing', async () => {
    const { tag, seatMap, venueId, performerId } = await venueAndPerformer('theatre');
    const [first, ...rest] = seatMap.tiers;
    const base = {
      name: `Bad Prices ${tag}`,
      category: 'concert',
      performerId,
      venueId,
      date: hours(48),
      onSaleAt: hours(-1),
      currency: 'EUR',
      seatMap,
    };
    await expect(createEvent(db, kv, { ...base, prices: Object.fromEntries(rest.map((t) => [t.id, 1000])) })).rejects.toMatchObject({
      code: 'validation_failed',
      message: expect.stringContaining(`no price for tier "${first!.id}"`),
    });
    await expect(
      createEvent(db, kv, { ...base, prices: { ...Object.fromEntries(seatMap.tiers.map((t) => [t.id, 1000])), balcony: 5 } }),
    ).rejects.toMatchObject({ message: expect.stringContaining('no tier "balcony"') });
    expect(await sql`select 1 from events where name = ${base.name}`).toHaveLength(0);
  });

  it('writes the same tickets through COPY as through INSERT', async () => {
    const { seatMap, venueId, performerId, tag } = await venueAndPerformer('theatre');
    const prices = Object.fromEntries(seatMap.tiers.map((t, i) => [t.id, 5_000 + i]));
    const make = (name: string) =>
      sql`insert into events (name, date, performer_id, venue_id, city, category, on_sale_at, currency)
          values (${name}, ${hours(10)}, ${performerId}, ${venueId}, 'X', 'concert', ${hours(-1)}, 'USD') returning id`;
    const [[a], [b]] = [await make(`Insert ${tag}`), await make(`Copy ${tag}`)];
    await issueTickets(db, [{ eventId: a!.id, seatMap, prices, currency: 'USD' }]);
    await sql.begin(async (tx) => {
      const { copyInto } = await import('@/db/seed/copy');
      const { drizzle } = await import('drizzle-orm/postgres-js');
      const schema = await import('@/db/schema');
      const txDb = drizzle({ client: Object.assign(tx, { options: sql.options }) as unknown as typeof sql, schema });
      await issueTickets(txDb, [{ eventId: b!.id, seatMap, prices, currency: 'USD' }], {
        copy: (t, c, chunks) => copyInto(tx, t, c, chunks),
      });
    });
    const tickets = async (id: string) =>
      sql`select seat_index, section, "row", number, tier, price_minor, currency from tickets where event_id = ${id} order by seat_index`;
    expect(await tickets(b!.id)).toEqual(await tickets(a!.id));
  });
});

describe('updateEvent', () => {
  it('shows the edit at once: the kv cache and every per-process view are refreshed, and search finds the new name', async () => {
    const { tag, seatMap, venueId, performerId } = await venueAndPerformer('theatre');
    const prices = Object.fromEntries(seatMap.tiers.map((t) => [t.id, 4_000]));
    const { id } = await createEvent(db, kv, {
      name: `Before ${tag}`,
      category: 'concert',
      performerId,
      venueId,
      date: hours(48),
      onSaleAt: hours(-1),
      currency: 'USD',
      seatMap,
      prices,
    });
    // Both caches warm with the old name.
    expect((await getEventDetails(db, kv, id)).name).toBe(`Before ${tag}`);
    expect((await getEventView(db, id)).name).toBe(`Before ${tag}`);
    expect(await kv.get(eventDetailsKey(id))).toContain(`Before ${tag}`);

    await updateEvent(db, kv, id, {
      name: `After ${tag}`,
      date: hours(72),
      queue: { mode: 'on', outflowPerMinute: 50, admissionWindowSeconds: 300, autoThresholdPerMinute: 100 },
    });
    expect((await getEventDetails(db, kv, id)).name).toBe(`After ${tag}`);
    expect((await getEventView(db, id)).name).toBe(`After ${tag}`);
    const [row] = await db.select().from(events).where(eq(events.id, id));
    expect(row).toMatchObject({ queueMode: 'on', queueOutflowPerMinute: 50, queueAdmissionWindowSeconds: 300 });
    const found = await getSearch().search({ keyword: `After ${tag}`, page: 1, limit: 5 });
    expect(found.events.map((e) => e.id)).toContain(id);

    await expect(updateEvent(db, kv, id, { onSaleAt: hours(100) })).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(updateEvent(db, kv, randomUUID(), { name: 'x' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
