import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { mulberry32 } from '@/db/seed/random';
import { getKv } from '@/lib/kv';
import { testSql } from '@/lib/testing/db';
import { createEvent } from '@/lib/testing/factories';
import { generateSeatMap } from '@/lib/venues/generate-seat-map';
import type { SeatMap } from '@/lib/venues/seat-map';
import { markVenueSeatFlags } from './mark-seat-flags';

const sql = testSql();
afterAll(() => sql.end());

// A venue as a database seeded before migration 0013 has it: the same geometry, no flags.
const withoutFlags = (map: SeatMap): SeatMap => ({
  ...map,
  sections: map.sections.map((s) => ({
    ...s,
    rows: s.rows.map((r) => ({ ...r, seats: r.seats.map(({ number, x, y }) => ({ number, x, y })) })),
  })),
});

describe('markVenueSeatFlags (npm run venues:mark-seat-flags)', () => {
  it('marks an old venue as it would be generated now and copies the flags onto its tickets, once', async () => {
    const generated = generateSeatMap('theatre', mulberry32(7));
    const e = await createEvent(sql, { seatMap: withoutFlags(generated) });
    const [before] = await sql`select count(*)::int as n from tickets where event_id = ${e.eventId} and seat_flags <> '{}'`;
    const [version] = await sql`select seat_version from events where id = ${e.eventId}`;
    expect(before!.n).toBe(0);

    const done = await markVenueSeatFlags(db, getKv(), { venueIds: [e.venueId] });
    expect(done.venues).toBe(1);
    const [bumped] = await sql`select seat_version from events where id = ${e.eventId}`;
    expect(Number(bumped!.seat_version)).toBeGreaterThan(Number(version!.seat_version));
    const [venue] = await sql<{ seat_map: SeatMap }[]>`select seat_map from venues where id = ${e.venueId}`;
    expect(venue!.seat_map).toEqual(generated);
    const tickets = await sql<{ seat_index: number; seat_flags: string[] }[]>`
      select seat_index, seat_flags from tickets where event_id = ${e.eventId} order by seat_index`;
    const expected = generated.sections.flatMap((s) => s.rows.flatMap((r) => r.seats.map((seat) => seat.flags ?? [])));
    expect(tickets.map((t) => t.seat_flags)).toEqual(expected);
    expect(done.tickets).toBe(expected.filter((f) => f.length > 0).length);
    expect(tickets.filter((t) => t.seat_flags.includes('wheelchair')).length).toBeGreaterThan(0);

    const again = await markVenueSeatFlags(db, getKv(), { venueIds: [e.venueId] });
    expect(again).toEqual({ venues: 0, tickets: 0 });
  });
});
