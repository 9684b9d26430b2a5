import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import type { SeatMap } from '@/lib/venues/seat-map';

// Test data: every test makes its own fans and event with unique names, so tests never depend on
// each other or on the seed. Works with any postgres.js client (vitest and Playwright alike).

// bcrypt hash of "correct-horse-1", computed once so creating 100 fans costs no hashing.
export const testPassword = 'correct-horse-1';
const testPasswordHash = '$2b$10$rqdrTeXzTHuOSMNAakfHj.OsHOfFA3iW2k6UYiGWvQ/slyReLtDAy';

export type TestFan = { id: string; email: string; name: string };

export async function createFans(sql: postgres.Sql, count: number, passwordHash = testPasswordHash): Promise<TestFan[]> {
  const fans = Array.from({ length: count }, (_, i) => {
    const tag = randomUUID().slice(0, 8);
    return { id: randomUUID(), email: `fan-${tag}-${i}@example.test`, name: `Fan ${tag}` };
  });
  await sql`insert into users ${sql(fans.map((f) => ({ ...f, password_hash: passwordHash })))}`;
  return fans;
}

export type TestEvent = { eventId: string; venueId: string; ticketIds: string[]; seats: Array<{ id: string; section: string; row: string; number: number; price: number }> };

/**
 * A small venue (sections x rows x seats) and an on-sale event tomorrow with one ticket per seat.
 * Given a `seatMap` (say a generated stadium), that venue instead, priced by tier.
 */
export async function createEvent(
  sql: postgres.Sql,
  opts: { sections?: number; rows?: number; seatsPerRow?: number; onSaleAt?: Date; date?: Date; name?: string; seatMap?: SeatMap } = {},
): Promise<TestEvent> {
  const { sections = 2, rows = 2, seatsPerRow = 10 } = opts;
  const tag = randomUUID().slice(0, 8);
  const map: SeatMap = opts.seatMap ?? {
    width: 100 + seatsPerRow * 20,
    height: 100 + sections * rows * 20,
    stage: { label: 'Stage', outline: [[0, 0], [100, 0], [100, 20], [0, 20]] },
    focal: { x: 50, y: 20 },
    tiers: [{ id: 'standard', name: 'Standard' }],
    sections: Array.from({ length: sections }, (_, s) => ({
      id: `S${s + 1}`,
      name: `Section ${s + 1}`,
      tier: 'standard',
      outline: [[0, 40 + s * rows * 20], [seatsPerRow * 20, 40 + s * rows * 20], [seatsPerRow * 20, 40 + (s + 1) * rows * 20], [0, 40 + (s + 1) * rows * 20]],
      rows: Array.from({ length: rows }, (_, r) => ({
        label: String.fromCharCode(65 + r),
        seats: Array.from({ length: seatsPerRow }, (_, n) => ({ number: n + 1, x: 10 + n * 20, y: 50 + (s * rows + r) * 20 })),
      })),
    })),
  };
  const [performer] = await sql`insert into performers (name, genre, home_city) values (${`Test Band ${tag}`}, 'rock', 'Testville') returning id`;
  const seats = map.sections.flatMap((sec) =>
    sec.rows.flatMap((row) => row.seats.map((seat) => ({ section: sec.id, tier: sec.tier, row: row.label, number: seat.number }))),
  );
  const capacity = seats.length;
  const [venue] = await sql`
    insert into venues (name, kind, address, city, capacity, seat_map)
    values (${`Test Hall ${tag}`}, 'theatre', '1 Test Street', 'Testville', ${capacity}, ${sql.json(map as never)}) returning id`;
  const date = opts.date ?? new Date(Date.now() + 24 * 3600_000);
  const onSaleAt = opts.onSaleAt ?? new Date(Date.now() - 3600_000);
  const [event] = await sql`
    insert into events (name, description, date, performer_id, venue_id, city, category, on_sale_at, currency)
    values (${opts.name ?? `Test Night ${tag}`}, 'A test event.', ${date}, ${performer!.id}, ${venue!.id}, 'Testville', 'concert', ${onSaleAt}, 'USD')
    returning id`;
  const rowsToInsert = seats.map((s, i) => ({
    event_id: event!.id,
    seat_index: i,
    section: s.section,
    row: s.row,
    number: s.number,
    tier: s.tier,
    // A given map is priced by tier, dearest first; the small grid cycles three prices.
    price_minor: opts.seatMap ? 12_000 - 2_000 * Math.max(0, map.tiers.findIndex((t) => t.id === s.tier)) : 5000 + (i % 3) * 1000,
    currency: 'USD',
  }));
  // In chunks: a 40,000-seat stadium would pass Postgres's 65,535-parameter limit in one insert.
  const inserted = [];
  for (let i = 0; i < rowsToInsert.length; i += 5_000) {
    inserted.push(...(await sql`insert into tickets ${sql(rowsToInsert.slice(i, i + 5_000))} returning id, section, "row", number, price_minor, seat_index`));
  }
  const ordered = [...inserted].sort((a, b) => a.seat_index - b.seat_index);
  return {
    eventId: event!.id,
    venueId: venue!.id,
    ticketIds: ordered.map((t) => t.id as string),
    seats: ordered.map((t) => ({ id: t.id, section: t.section, row: t.row, number: t.number, price: t.price_minor })),
  };
}
