import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { tickets } from '@/db/schema';
import { seatsInOrder } from '@/lib/catalogue/seat-order';
import { flagBits } from '@/lib/venues/seat-flags';
import type { Kv } from '@/lib/kv/types';
import { getEventDetails } from './get-event-view';

/** `flags` as bits (lib/venues/seat-flags.ts flagBit). */
export type RowSeat = { index: number; id: string; x: number; y: number; price: number; flags: number };
/** An event's seats by row of its venue, in seat order, with the ticket for each: what best available ranks. */
export type SeatRows = { focal: { x: number; y: number }; count: number; rows: RowSeat[][]; indexOf: Map<string, number> };

// Tickets are issued once per seat (lib/catalogue/issue-tickets.ts) and keep their id and price,
// so each process builds this once per event: best available used to read all 40,000 tickets of a
// stadium and its 1.4 MB seat map for every attempt. Statuses come separately, from the versioned
// availability read. An event whose tickets are issued after a build has a different count, and
// the caller asks again with `expectedCount`.
const entries = new Map<string, Promise<SeatRows>>();
const capacity = 16;

async function build(db: DbOrTx, kv: Kv, eventId: string): Promise<SeatRows> {
  const details = await getEventDetails(db, kv, eventId);
  const issued = await db
    .select({ id: tickets.id, price: tickets.priceMinor })
    .from(tickets)
    .where(eq(tickets.eventId, eventId))
    .orderBy(asc(tickets.seatIndex));
  const rows: RowSeat[][] = [];
  let current: RowSeat[] = [];
  let rowKey = '';
  for (const { index, sectionIndex, rowIndex, seat } of seatsInOrder(details.venue.seatMap)) {
    const key = `${sectionIndex}:${rowIndex}`;
    if (key !== rowKey) {
      if (current.length) rows.push(current);
      current = [];
      rowKey = key;
    }
    const ticket = issued[index];
    if (ticket) current.push({ index, id: ticket.id, x: seat.x, y: seat.y, price: ticket.price, flags: flagBits(seat.flags) });
  }
  if (current.length) rows.push(current);
  return { focal: details.venue.seatMap.focal, count: issued.length, rows, indexOf: new Map(rows.flat().map((s) => [s.id, s.index])) };
}

/** The event's seat rows, built once per process while `expectedCount` tickets stay the same. */
export async function seatRows(db: DbOrTx, kv: Kv, eventId: string, expectedCount: number): Promise<SeatRows> {
  const key = eventId.toLowerCase();
  const hit = entries.get(key);
  if (hit) {
    const rows = await hit.catch(() => null);
    if (rows && rows.count === expectedCount) return rows;
    if (entries.get(key) === hit) entries.delete(key);
  }
  let entry = entries.get(key);
  if (!entry) {
    entry = build(db, kv, key);
    entries.set(key, entry);
    if (entries.size > capacity) entries.delete(entries.keys().next().value!);
    // A failed build is forgotten so the next caller tries again.
    entry.catch(() => entries.get(key) === entry && entries.delete(key));
  }
  return entry;
}
