import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { sectionName, sectionNames } from '@/db/queries/section-names';
import { bookings, events, reservations, reservationTickets, tickets, venues, type ReservationStatus } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { paymentState, type PaymentState } from './payment-state';

export type ReservationView = {
  id: string;
  status: ReservationStatus;
  expiresAt: string;
  /** How often the fan added time (lib/booking/extend-hold.ts). */
  extensions: number;
  /** The checkout started for this hold, if any: its booking and what the fan is told about it. */
  booking: { id: string; payment: PaymentState } | null;
  event: { id: string; name: string; date: string; venueName: string; city: string; timezone: string; currency: string };
  /** `section` is the section's display name (db/queries/section-names.ts). */
  tickets: Array<{ id: string; section: string; row: string; number: number; price: number }>;
  total: number;
};

/** The fan's own hold. Another fan's reads as missing (404): its existence is none of theirs. */
export async function getReservation(db: DbOrTx, input: { userId: string; reservationId: string }): Promise<ReservationView> {
  if (!isUuid(input.reservationId)) throw new AppError('not_found', 'No such reservation.');
  const reservationId = input.reservationId.toLowerCase();
  const [head] = await db
    .select({
      userId: reservations.userId,
      status: reservations.status,
      live: sql<boolean>`${reservations.expiresAt} > now()`,
      expiresAt: reservations.expiresAt,
      extensions: reservations.extensions,
      eventId: events.id,
      eventName: events.name,
      eventDate: events.date,
      venueName: venues.name,
      timezone: venues.timezone,
      city: events.city,
      currency: events.currency,
      bookingId: bookings.id,
      bookingStatus: bookings.status,
      paymentSubmitted: sql<boolean>`${bookings.paymentSubmittedAt} is not null`,
    })
    .from(reservations)
    .leftJoin(bookings, eq(bookings.reservationId, reservations.id))
    .innerJoin(events, eq(events.id, reservations.eventId))
    .innerJoin(venues, eq(venues.id, events.venueId))
    .where(eq(reservations.id, reservationId));
  if (!head || head.userId !== input.userId) throw new AppError('not_found', 'No such reservation.');

  const seats = await db
    .select({ id: tickets.id, section: tickets.section, row: tickets.row, number: tickets.number, price: tickets.priceMinor })
    .from(reservationTickets)
    .innerJoin(tickets, eq(tickets.id, reservationTickets.ticketId))
    .where(eq(reservationTickets.reservationId, reservationId))
    .orderBy(asc(tickets.seatIndex));
  const names = await sectionNames(db, head.eventId);

  return {
    id: reservationId,
    // A hold past its expiry is over even if the sweeper has not marked it yet.
    status: head.status === 'active' && !head.live ? 'expired' : head.status,
    expiresAt: head.expiresAt.toISOString(),
    extensions: head.extensions,
    booking:
      head.bookingId && head.bookingStatus
        ? { id: head.bookingId, payment: paymentState(head.bookingStatus, head.paymentSubmitted) }
        : null,
    event: {
      id: head.eventId,
      name: head.eventName,
      date: head.eventDate.toISOString(),
      venueName: head.venueName,
      city: head.city,
      timezone: head.timezone,
      currency: head.currency,
    },
    tickets: seats.map((t) => ({ ...t, section: sectionName(names, t.section) })),
    total: seats.reduce((sum, t) => sum + t.price, 0),
  };
}
