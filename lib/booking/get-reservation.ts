import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';

export type ReservationStatus = 'active' | 'released' | 'expired' | 'converted';

export type ReservationView = {
  id: string;
  status: ReservationStatus;
  expiresAt: string;
  event: { id: string; name: string; date: string; venueName: string; city: string; timezone: string; currency: string };
  tickets: Array<{ id: string; section: string; row: string; number: number; price: number }>;
  total: number;
};

type HeadRow = {
  user_id: string;
  status: ReservationStatus;
  expires_at: string;
  event_id: string;
  event_name: string;
  event_date: string;
  venue_name: string;
  city: string;
  timezone: string;
  currency: string;
};

export async function getReservation(
  db: DbOrTx,
  input: { userId: string; reservationId: string },
): Promise<ReservationView> {
  if (!isUuid(input.reservationId)) throw new AppError('not_found', 'No such reservation.');
  const [head] = await db.execute<HeadRow>(sql`
    select r.user_id,
           case when r.status = 'active' and r.expires_at <= now() then 'expired' else r.status::text end as status,
           r.expires_at, e.id as event_id, e.name as event_name, e.date as event_date,
           v.name as venue_name, v.timezone, e.city, e.currency
    from reservations r
    join events e on e.id = r.event_id
    join venues v on v.id = e.venue_id
    where r.id = ${input.reservationId}`);
  if (!head) throw new AppError('not_found', 'No such reservation.');
  if (head.user_id !== input.userId) throw new AppError('forbidden', 'This hold belongs to another fan.');

  const tickets = await db.execute<{ id: string; section: string; row: string; number: number; price: number }>(sql`
    select t.id, t.section, t."row", t.number, t.price_minor as price
    from reservation_tickets rt join tickets t on t.id = rt.ticket_id
    where rt.reservation_id = ${input.reservationId}
    order by t.seat_index`);

  return {
    id: input.reservationId.toLowerCase(),
    status: head.status,
    expiresAt: new Date(head.expires_at).toISOString(),
    event: {
      id: head.event_id,
      name: head.event_name,
      date: new Date(head.event_date).toISOString(),
      venueName: head.venue_name,
      city: head.city,
      timezone: head.timezone,
      currency: head.currency,
    },
    tickets: [...tickets],
    total: tickets.reduce((sum, t) => sum + t.price, 0),
  };
}
