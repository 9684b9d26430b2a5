import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { events } from '../schema';

/**
 * Bumps an event's seat version in the caller's transaction and returns the new one. Every seat
 * change does this, so a client that misses a diff sees the gap, and the per-process caches of
 * the event's seats (keyed on the version) know they are stale.
 */
export async function bumpSeatVersion(tx: DbOrTx, eventId: string): Promise<number> {
  const [row] = await tx
    .update(events)
    .set({ seatVersion: sql`${events.seatVersion} + 1` })
    .where(eq(events.id, eventId))
    .returning({ seatVersion: events.seatVersion });
  if (!row) throw new Error(`no event ${eventId} to bump the seat version of`);
  return row.seatVersion;
}
