import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { events, type Ticket, type TicketStatus } from '@/db/schema';

export type EventTicket = {
  id: string;
  seat: { section: string; row: string; number: number };
  tier: string;
  status: TicketStatus;
  price: number;
};

/**
 * The statuses as of `version`, read in one statement so the two agree. `stableForMs` is how long
 * they stay true if nothing commits: until the first live hold lapses (after which it reads as
 * available) — what lets a caller cache them without ever serving a stale seat.
 */
export type EventTickets = { tickets: EventTicket[]; version: number; stableForMs: number };

type Row = Pick<Ticket, 'id' | 'section' | 'row' | 'number' | 'tier' | 'status'> & {
  price: number;
  version: string;
  lapseMs: number | null;
};

// Always read live. A hold past its expiry reads as available here, before any sweeper has run
// (invariant 3). Raw SQL for the window that reads the first lapse in the same statement.
export async function loadEventTickets(db: DbOrTx, eventId: string): Promise<EventTickets> {
  const rows = await db.execute<Row>(sql`
    select t.id, t.section, t."row", t.number, t.tier, t.price_minor as price,
           case when t.status = 'reserved' and t.hold_expires_at <= now() then 'available' else t.status::text end as status,
           e.seat_version as version,
           extract(epoch from (min(t.hold_expires_at) filter (where t.status = 'reserved' and t.hold_expires_at > now()) over ()) - now()) * 1000 as "lapseMs"
    from events e left join tickets t on t.event_id = e.id
    where e.id = ${eventId}
    order by t.seat_index`);
  const first = rows[0];
  // The left join yields one row of nulls for an event without tickets, so the version is known.
  return {
    tickets: rows
      .filter((r) => r.id !== null)
      .map((r) => ({
        id: r.id,
        seat: { section: r.section, row: r.row, number: r.number },
        tier: r.tier,
        status: r.status,
        price: r.price,
      })),
    version: first ? Number(first.version) : 0,
    stableForMs: first?.lapseMs == null ? Number.POSITIVE_INFINITY : Math.max(0, Number(first.lapseMs)),
  };
}

export async function readSeatVersion(db: DbOrTx, eventId: string): Promise<number | null> {
  const [row] = await db.select({ seatVersion: events.seatVersion }).from(events).where(eq(events.id, eventId));
  return row ? row.seatVersion : null;
}
