import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { bookings, events, reservationTickets, tickets, venues, type BookingStatus } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';

export type BookingView = {
  id: string;
  reservationId: string;
  status: BookingStatus;
  statusReason: string | null;
  total: number;
  currency: string;
  createdAt: string;
  confirmedAt: string | null;
  event: { id: string; name: string; date: string; venueName: string; city: string; timezone: string };
  tickets: Array<{ id: string; section: string; row: string; number: number; price: number }>;
};

/** The fan's own booking. Another fan's reads as missing (404), like one that does not exist. */
export async function getBooking(db: DbOrTx, input: { userId: string; bookingId: string }): Promise<BookingView> {
  if (!isUuid(input.bookingId)) throw new AppError('not_found', 'No such booking.');
  const bookingId = input.bookingId.toLowerCase();
  const [b] = await db
    .select({
      userId: bookings.userId,
      reservationId: bookings.reservationId,
      status: bookings.status,
      statusReason: bookings.statusReason,
      total: bookings.totalMinor,
      currency: bookings.currency,
      createdAt: bookings.createdAt,
      confirmedAt: bookings.confirmedAt,
      eventId: events.id,
      eventName: events.name,
      eventDate: events.date,
      venueName: venues.name,
      city: events.city,
      timezone: venues.timezone,
    })
    .from(bookings)
    .innerJoin(events, eq(events.id, bookings.eventId))
    .innerJoin(venues, eq(venues.id, events.venueId))
    .where(eq(bookings.id, bookingId));
  if (!b || b.userId !== input.userId) throw new AppError('not_found', 'No such booking.');

  // The seats the fan paid for are the hold's, whether or not the sale went through.
  const seats = await db
    .select({ id: tickets.id, section: tickets.section, row: tickets.row, number: tickets.number, price: tickets.priceMinor })
    .from(reservationTickets)
    .innerJoin(tickets, eq(tickets.id, reservationTickets.ticketId))
    .where(eq(reservationTickets.reservationId, b.reservationId))
    .orderBy(asc(tickets.seatIndex));

  return {
    id: bookingId,
    reservationId: b.reservationId,
    status: b.status,
    statusReason: b.statusReason,
    total: b.total,
    currency: b.currency,
    createdAt: b.createdAt.toISOString(),
    confirmedAt: b.confirmedAt?.toISOString() ?? null,
    event: { id: b.eventId, name: b.eventName, date: b.eventDate.toISOString(), venueName: b.venueName, city: b.city, timezone: b.timezone },
    tickets: seats,
  };
}
