import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';

/**
 * The display name of each section code (tickets.section) at an event's venue, from the venue's
 * seat map: "ORCH-C" is shown as "Orchestra Centre" on the map, the hold, the booking and the
 * checkout's line items alike. One read of the map per call (not one per seat).
 */
export async function sectionNames(db: DbOrTx, eventId: string): Promise<Map<string, string>> {
  const rows = await db.execute<{ id: string; name: string }>(sql`
    select s->>'id' as id, s->>'name' as name
    from events e
    join venues v on v.id = e.venue_id
    cross join lateral jsonb_array_elements(v.seat_map->'sections') s
    where e.id = ${eventId}`);
  return new Map(rows.map((r) => [r.id, r.name || r.id]));
}

/** A section's display name; its code when the map does not name it. */
export const sectionName = (names: Map<string, string>, code: string) => names.get(code) ?? code;
