import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { testSql } from '@/lib/testing/db';
import { createEvent } from '@/lib/testing/factories';
import { listHomeEvents } from './list-home-events';

const sql = testSql();
afterAll(() => sql.end());

const hours = (n: number) => new Date(Date.now() + n * 3600_000);

// Each test puts its events in a city of its own, so other tests' data never shows up.
async function eventIn(city: string, opts: Parameters<typeof createEvent>[1] = {}) {
  // Three sections of one seat each: one seat per price tier, $50, $60 and $70.
  const event = await createEvent(sql, { sections: 3, rows: 1, seatsPerRow: 1, ...opts });
  await sql`update events set city = ${city} where id = ${event.eventId}`;
  return event;
}

describe('listHomeEvents', () => {
  it('splits on-sale from coming-soon, soonest first, and leaves out past events', async () => {
    const city = `Homeville ${randomUUID().slice(0, 8)}`;
    const later = await eventIn(city, { date: hours(72) });
    const sooner = await eventIn(city, { date: hours(24) });
    const upcoming = await eventIn(city, { date: hours(96), onSaleAt: hours(48) });
    await eventIn(city, { date: hours(-2), onSaleAt: hours(-100) });

    // Other tests' cities share this database; lift the top-N cut so this city's count is listed.
    const home = await listHomeEvents(db, { city: city.toUpperCase(), cityLimit: 100_000 });
    expect(home.onSale.map((e) => e.id)).toEqual([sooner.eventId, later.eventId]);
    expect(home.comingSoon.map((e) => e.id)).toEqual([upcoming.eventId]);
    expect(Date.parse(home.comingSoon[0]!.onSaleAt)).toBeGreaterThan(Date.now());
    expect(home.cities).toContainEqual({ city, count: 3 });
  });

  it('prices from the cheapest seat still available, counting lapsed holds, and says sold out', async () => {
    const city = `Priceville ${randomUUID().slice(0, 8)}`;
    const event = await eventIn(city);
    // Seats cost 50, 60, 70. Sell the cheapest; the next one has a hold that already ran out.
    const [cheapest, middle] = event.seats;
    await sql`update tickets set status = 'sold', booking_id = gen_random_uuid() where id = ${cheapest!.id}`;
    const [fan] =
      await sql`insert into users (email, name, password_hash) values (${`p-${randomUUID()}@example.test`}, 'P', 'x') returning id`;
    const [hold] = await sql`
      insert into reservations (id, user_id, event_id, expires_at) values (gen_random_uuid(), ${fan!.id}, ${event.eventId}, now() - interval '1 minute')
      returning id`;
    await sql`update tickets set status = 'reserved', hold_id = ${hold!.id}, hold_expires_at = now() - interval '1 minute' where id = ${middle!.id}`;

    let [listed] = (await listHomeEvents(db, { city })).onSale;
    expect(listed!.fromPrice).toBe(middle!.price);

    await sql`update tickets set status = 'sold', hold_id = null, hold_expires_at = null, booking_id = gen_random_uuid() where event_id = ${event.eventId} and status <> 'sold'`;
    [listed] = (await listHomeEvents(db, { city })).onSale;
    expect(listed!.fromPrice).toBeNull();
  });
});
