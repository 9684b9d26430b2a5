import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';

export type TicketStatus = 'available' | 'reserved' | 'sold';
export type EventTicket = {
  id: string;
  seat: { section: string; row: string; number: number };
  tier: string;
  status: TicketStatus;
  price: number;
};

type Row = { id: string; section: string; row: string; number: number; tier: string; status: TicketStatus; price: number };

// Always read live, never cached. A hold past its expiry reads as available here, before any
// sweeper has run (invariant 3).
export async function loadEventTickets(db: DbOrTx, eventId: string): Promise<EventTicket[]> {
  const rows = await db.execute<Row>(sql`
    select id, section, "row", number, tier, price_minor as price,
           case when status = 'reserved' and hold_expires_at <= now() then 'available' else status::text end as status
    from tickets
    where event_id = ${eventId}
    order by seat_index`);
  return rows.map((r) => ({
    id: r.id,
    seat: { section: r.section, row: r.row, number: r.number },
    tier: r.tier,
    status: r.status,
    price: r.price,
  }));
}
