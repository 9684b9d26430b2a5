import { randomUUID } from 'node:crypto';
import { drizzle } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';
import * as schema from '@/db/schema';
import { createPerformers } from '@/lib/catalogue/create-performers';
import { createVenue } from '@/lib/catalogue/create-venue';
import { insertEvents } from '@/lib/catalogue/insert-events';
import { issueTickets } from '@/lib/catalogue/issue-tickets';
import { markSeatFlags, type FlagPlan } from '@/lib/venues/seat-flags';
import type { SeatFlag, SeatMap } from '@/lib/venues/seat-map';

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

export type TestEvent = {
  eventId: string;
  venueId: string;
  ticketIds: string[];
  seats: Array<{ id: string; section: string; row: string; number: number; price: number; flags: SeatFlag[] }>;
};

// The small grid's tiers, one per section in turn: $50, $60, $70.
const gridTiers = [
  { id: 'standard', name: 'Standard', price: 5_000 },
  { id: 'plus', name: 'Plus', price: 6_000 },
  { id: 'premium', name: 'Premium', price: 7_000 },
];

function gridMap(sections: number, rows: number, seatsPerRow: number): SeatMap {
  return {
    width: 100 + seatsPerRow * 20,
    height: 100 + sections * rows * 20,
    stage: {
      label: 'Stage',
      outline: [
        [0, 0],
        [100, 0],
        [100, 20],
        [0, 20],
      ],
    },
    focal: { x: 50, y: 20 },
    tiers: gridTiers.slice(0, Math.min(sections, gridTiers.length)).map(({ id, name }) => ({ id, name })),
    sections: Array.from({ length: sections }, (_, s) => ({
      id: `S${s + 1}`,
      name: `Section ${s + 1}`,
      tier: gridTiers[s % gridTiers.length]!.id,
      outline: [
        [0, 40 + s * rows * 20],
        [seatsPerRow * 20, 40 + s * rows * 20],
        [seatsPerRow * 20, 40 + (s + 1) * rows * 20],
        [0, 40 + (s + 1) * rows * 20],
      ],
      rows: Array.from({ length: rows }, (_, r) => ({
        label: String.fromCharCode(65 + r),
        seats: Array.from({ length: seatsPerRow }, (_, n) => ({ number: n + 1, x: 10 + n * 20, y: 50 + (s * rows + r) * 20 })),
      })),
    })),
  };
}

/**
 * A small venue (sections x rows x seats, each section a tier: $50, $60, $70 in turn) and an
 * on-sale event tomorrow with one ticket per seat, put on through lib/catalogue as an organiser's
 * would be. Given a `seatMap` (say a generated stadium), that venue instead, priced by tier from
 * $120 down in $20 steps. Nothing is cached or indexed yet for a new event (Postgres keeps search
 * documents by trigger), so the after-commit step of createEvent is not needed here.
 */
export async function createEvent(
  sql: postgres.Sql,
  opts: {
    sections?: number;
    rows?: number;
    seatsPerRow?: number;
    onSaleAt?: Date;
    date?: Date;
    name?: string;
    seatMap?: SeatMap;
    /** Seat flags marked on the map as the generated venues get them (lib/venues/seat-flags.ts). */
    flagPlan?: FlagPlan;
  } = {},
): Promise<TestEvent> {
  const { sections = 2, rows = 2, seatsPerRow = 10 } = opts;
  const tag = randomUUID().slice(0, 8);
  const plain = opts.seatMap ?? gridMap(sections, rows, seatsPerRow);
  const map = opts.flagPlan ? markSeatFlags(plain, opts.flagPlan) : plain;
  const prices = Object.fromEntries(
    map.tiers.map((t, i) => [t.id, opts.seatMap ? Math.max(1_000, 12_000 - 2_000 * i) : gridTiers.find((g) => g.id === t.id)!.price]),
  );
  const db = drizzle({ client: sql, schema });
  const { eventId, venueId } = await db.transaction(async (tx) => {
    const [performerId] = await createPerformers(tx, [{ name: `Test Band ${tag}`, genre: 'rock', homeCity: 'Testville' }]);
    const venue = await createVenue(tx, {
      name: `Test Hall ${tag}`,
      kind: 'theatre',
      address: '1 Test Street',
      city: 'Testville',
      timezone: 'UTC',
      seatMap: map,
    });
    const [id] = await insertEvents(tx, [
      {
        name: opts.name ?? `Test Night ${tag}`,
        description: 'A test event.',
        category: 'concert',
        performerId: performerId!,
        venueId: venue.id,
        date: opts.date ?? new Date(Date.now() + 24 * 3600_000),
        onSaleAt: opts.onSaleAt ?? new Date(Date.now() - 3600_000),
        currency: 'USD',
      },
    ]);
    await issueTickets(tx, [{ eventId: id!, seatMap: map, prices, currency: 'USD' }]);
    return { eventId: id!, venueId: venue.id };
  });
  const seats = await sql<TestEvent['seats']>`
    select id, section, "row", number, price_minor as price, seat_flags as flags from tickets where event_id = ${eventId} order by seat_index`;
  return { eventId, venueId, ticketIds: seats.map((t) => t.id), seats: [...seats] };
}
