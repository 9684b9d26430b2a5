import 'server-only';
import { desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { paymentState, type PaymentState } from './payment-state';
import { bookings, events, reservationTickets, reservations, tickets, venues, type ReservationStatus } from '@/db/schema';

export type UserReservationSummary = {
  id: string;
  status: ReservationStatus;
  expiresAt: string;
  createdAt: string;
  /** What the fan is told about the checkout of this hold; null when none was started. */
  payment: PaymentState | null;
  event: { id: string; name: string; date: string; venueName: string; city: string; timezone: string; currency: string };
  seatCount: number;
  total: number;
};

export async function listUserReservations(
  db: DbOrTx,
  userId: string,
  options: { limit?: number; now?: Date } = {},
): Promise<UserReservationSummary[]> {
  const now = options.now ?? new Date();
  const rows = await db
    .select({
      id: reservations.id,
      status: reservations.status,
      expiresAt: reservations.expiresAt,
      createdAt: reservations.createdAt,
      eventId: events.id,
      eventName: events.name,
      eventDate: events.date,
      city: events.city,
      currency: events.currency,
      venueName: venues.name,
      timezone: venues.timezone,
      seatCount: sql<number>`count(${reservationTickets.ticketId})::int`,
      total: sql<number>`coalesce(sum(${tickets.priceMinor}), 0)::int`,
      bookingStatus: bookings.status,
      paymentSubmitted: sql<boolean>`${bookings.paymentSubmittedAt} is not null`,
    })
    .from(reservations)
    .leftJoin(bookings, eq(bookings.reservationId, reservations.id))
    .innerJoin(events, eq(events.id, reservations.eventId))
    .innerJoin(venues, eq(venues.id, events.venueId))
    .leftJoin(reservationTickets, eq(reservationTickets.reservationId, reservations.id))
    .leftJoin(tickets, eq(tickets.id, reservationTickets.ticketId))
    .where(eq(reservations.userId, userId))
    .groupBy(reservations.id, events.id, venues.id, bookings.id)
    .orderBy(desc(reservations.createdAt), desc(reservations.id))
    .limit(options.limit ?? 50);

  return rows.map((r) => ({
    id: r.id,
    // A hold past its expiry is over even if the sweeper has not marked it yet.
    status: r.status === 'active' && r.expiresAt <= now ? 'expired' : r.status,
    expiresAt: r.expiresAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
    payment: r.bookingStatus ? paymentState(r.bookingStatus, r.paymentSubmitted) : null,
    event: {
      id: r.eventId,
      name: r.eventName,
      date: r.eventDate.toISOString(),
      venueName: r.venueName,
      city: r.city,
      timezone: r.timezone,
      currency: r.currency,
    },
    seatCount: r.seatCount,
    total: r.total,
  }));
}
