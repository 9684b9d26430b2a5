import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { sectionName, sectionNames } from '@/db/queries/section-names';
import { bookings, events, reservations, reservationTickets, tickets, venues, type BookingStatus } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { paymentState, type PaymentState } from './payment-state';

export type BookingView = {
  id: string;
  reservationId: string;
  status: BookingStatus;
  /** What the fan is told about the money (payment-state.ts). */
  payment: PaymentState;
  statusReason: string | null;
  /** The hold behind it: while it lives, an unpaid booking can still be paid. */
  hold: { live: boolean; expiresAt: string };
  total: number;
  currency: string;
  createdAt: string;
  confirmedAt: string | null;
  event: { id: string; name: string; date: string; venueName: string; city: string; timezone: string };
  /** `section` is the section's display name (db/queries/section-names.ts). */
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
      paymentSubmitted: sql<boolean>`${bookings.paymentSubmittedAt} is not null`,
      holdLive: sql<boolean>`${reservations.status} = 'active' and ${reservations.expiresAt} > now()`,
      holdExpiresAt: reservations.expiresAt,
      eventId: events.id,
      eventName: events.name,
      eventDate: events.date,
      venueName: venues.name,
      city: events.city,
      timezone: venues.timezone,
    })
    .from(bookings)
    .innerJoin(reservations, eq(reservations.id, bookings.reservationId))
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
  const names = await sectionNames(db, b.eventId);

  return {
    id: bookingId,
    reservationId: b.reservationId,
    status: b.status,
    payment: paymentState(b.status, b.paymentSubmitted),
    statusReason: b.statusReason,
    hold: { live: b.holdLive, expiresAt: b.holdExpiresAt.toISOString() },
    total: b.total,
    currency: b.currency,
    createdAt: b.createdAt.toISOString(),
    confirmedAt: b.confirmedAt?.toISOString() ?? null,
    event: {
      id: b.eventId,
      name: b.eventName,
      date: b.eventDate.toISOString(),
      venueName: b.venueName,
      city: b.city,
      timezone: b.timezone,
    },
    tickets: seats.map((t) => ({ ...t, section: sectionName(names, t.section) })),
  };
}
