import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import type { BookingStatus } from './get-booking';

export type UserBookingSummary = {
  id: string;
  status: BookingStatus;
  total: number;
  currency: string;
  seatCount: number;
  createdAt: string;
  event: { id: string; name: string; date: string; venueName: string; city: string; timezone: string };
};

type Row = {
  id: string; status: BookingStatus; total_minor: number; currency: string; seat_count: number; created_at: string;
  event_id: string; event_name: string; event_date: string; venue_name: string; city: string; timezone: string;
};

/** "My tickets": the fan's bookings, newest first. */
export async function listUserBookings(db: DbOrTx, userId: string, limit = 50): Promise<UserBookingSummary[]> {
  const rows = await db.execute<Row>(sql`
    select b.id, b.status, b.total_minor, b.currency, b.created_at,
           (select count(*)::int from reservation_tickets rt where rt.reservation_id = b.reservation_id) as seat_count,
           e.id as event_id, e.name as event_name, e.date as event_date, v.name as venue_name, e.city, v.timezone
    from bookings b join events e on e.id = b.event_id join venues v on v.id = e.venue_id
    where b.user_id = ${userId}
    order by b.created_at desc, b.id desc
    limit ${limit}`);
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    total: r.total_minor,
    currency: r.currency,
    seatCount: r.seat_count,
    createdAt: new Date(r.created_at).toISOString(),
    event: { id: r.event_id, name: r.event_name, date: new Date(r.event_date).toISOString(), venueName: r.venue_name, city: r.city, timezone: r.timezone },
  }));
}
