import 'server-only';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { events, venues } from '@/db/schema';
import { uuidArray } from '@/db/sql-helpers';
import type { Kv } from '@/lib/kv/types';
import { flagPlans } from '@/lib/venues/generate-seat-map';
import { markSeatFlags } from '@/lib/venues/seat-flags';
import type { SeatMap } from '@/lib/venues/seat-map';
import { catalogueChanged } from './catalogue-changed';
import { seatsInOrder } from './seat-order';

const hasFlags = (map: SeatMap) => map.sections.some((s) => s.rows.some((r) => r.seats.some((seat) => seat.flags?.length)));

/**
 * Seat flags for a database from before migration 0013 (`npm run venues:mark-seat-flags`): each
 * venue's stored map without flags is marked as a generated venue of its kind is now
 * (lib/venues/seat-flags.ts; a map with flags of its own, say an imported one, is kept), and
 * every ticket of its events gets its seat's flags. Geometry and seat order are untouched, so
 * seat_index still pairs tickets with seats. One transaction per venue, which also bumps its
 * events' seat versions so no per-process cache keeps the old map; running it again changes
 * nothing.
 */
export async function markVenueSeatFlags(
  db: Database,
  kv: Kv,
  only?: { venueIds: string[] },
): Promise<{ venues: number; tickets: number }> {
  const all = await db
    .select({ id: venues.id, kind: venues.kind, seatMap: venues.seatMap })
    .from(venues)
    .where(only ? inArray(venues.id, only.venueIds) : undefined);
  let changedVenues = 0;
  let changedTickets = 0;
  for (const venue of all) {
    // A venue row whose map is not one (nothing could be issued for it) is left alone.
    if (!Array.isArray(venue.seatMap?.sections) || !venue.seatMap.sections.every((s) => Array.isArray(s?.rows))) continue;
    const map = hasFlags(venue.seatMap) ? venue.seatMap : markSeatFlags(venue.seatMap, flagPlans[venue.kind]);
    const flagged = [...seatsInOrder(map)].filter((s) => s.seat.flags?.length).map((s) => ({ i: s.index, f: s.seat.flags }));
    const { tickets, eventIds } = await db.transaction(async (tx) => {
      if (map !== venue.seatMap) await tx.update(venues).set({ seatMap: map }).where(eq(venues.id, venue.id));
      const updated = await tx.execute<{ eventId: string }>(sql`
        update tickets t set seat_flags = f.f
        from jsonb_to_recordset(${JSON.stringify(flagged)}::jsonb) as f(i int, f text[]), events e
        where e.venue_id = ${venue.id} and t.event_id = e.id and t.seat_index = f.i and t.seat_flags is distinct from f.f
        returning t.event_id as "eventId"`);
      const ids = [...new Set(updated.map((r) => r.eventId))];
      if (map !== venue.seatMap) {
        const played = await tx.select({ id: events.id }).from(events).where(eq(events.venueId, venue.id));
        for (const e of played) if (!ids.includes(e.id)) ids.push(e.id);
      }
      if (ids.length) await tx.execute(sql`update ${events} set seat_version = seat_version + 1 where id = any(${uuidArray(ids)})`);
      return { tickets: updated.length, eventIds: ids };
    });
    if (map !== venue.seatMap || tickets > 0) changedVenues++;
    changedTickets += tickets;
    if (eventIds.length) await catalogueChanged(kv, eventIds);
  }
  return { venues: changedVenues, tickets: changedTickets };
}
