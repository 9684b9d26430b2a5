import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';

export type BookingStatus = 'pending' | 'confirmed' | 'failed' | 'refunded' | 'cancelled';

export type BookingView = {
  id: string;
  reservationId: string;
  status: BookingStatus;
  statusReason: string | null;
  stripeSessionId: string | null;
  total: number;
  currency: string;
  createdAt: string;
  confirmedAt: string | null;
  event: { id: string; name: string; date: string; venueName: string; city: string; timezone: string };
  tickets: Array<{ id: string; section: string; row: string; number: number; price: number }>;
};

type Row = {
  user_id: string; reservation_id: string; status: BookingStatus; status_reason: string | null; stripe_session_id: string | null;
  total_minor: number; currency: string; created_at: string; confirmed_at: string | null;
  event_id: string; event_name: string; event_date: string; venue_name: string; city: string; timezone: string;
};

export async function getBooking(db: DbOrTx, input: { userId: string; bookingId: string }): Promise<BookingView> {
  if (!isUuid(input.bookingId)) throw new AppError('not_found', 'No such booking.');
  const [b] = await db.execute<Row>(sql`
    select b.user_id, b.reservation_id, b.status, b.status_reason, b.stripe_session_id, b.total_minor, b.currency,
           b.created_at, b.confirmed_at, e.id as event_id, e.name as event_name, e.date as event_date,
           v.name as venue_name, e.city, v.timezone
    from bookings b join events e on e.id = b.event_id join venues v on v.id = e.venue_id
    where b.id = ${input.bookingId}`);
  if (!b) throw new AppError('not_found', 'No such booking.');
  if (b.user_id !== input.userId) throw new AppError('forbidden', 'This booking belongs to another fan.');

  // The seats the fan paid for are the hold's, whether or not the sale went through.
  const tickets = await db.execute<BookingView['tickets'][number]>(sql`
    select t.id, t.section, t."row", t.number, t.price_minor as price
    from reservation_tickets rt join tickets t on t.id = rt.ticket_id
    where rt.reservation_id = ${b.reservation_id} order by t.seat_index`);

  return {
    id: input.bookingId.toLowerCase(),
    reservationId: b.reservation_id,
    status: b.status,
    statusReason: b.status_reason,
    stripeSessionId: b.stripe_session_id,
    total: b.total_minor,
    currency: b.currency,
    createdAt: new Date(b.created_at).toISOString(),
    confirmedAt: b.confirmed_at ? new Date(b.confirmed_at).toISOString() : null,
    event: { id: b.event_id, name: b.event_name, date: new Date(b.event_date).toISOString(), venueName: b.venue_name, city: b.city, timezone: b.timezone },
    tickets: [...tickets],
  };
}
