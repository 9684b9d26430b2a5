import 'server-only';
import { and, desc, eq, isNotNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { bookings, events, reservationTickets, venues } from '@/db/schema';
import type { PaymentState } from './payment-state';

export type UserBookingSummary = {
  id: string;
  /** Paid, refunded, or finished at Checkout and being confirmed: never a checkout left unpaid. */
  payment: Exclude<PaymentState, 'not_paid'>;
  total: number;
  currency: string;
  seatCount: number;
  createdAt: string;
  event: { id: string; name: string; date: string; venueName: string; city: string; timezone: string };
};

/**
 * "My tickets": the fan's bookings where money moved or is on its way, newest first. A checkout
 * opened and left, declined or closed is not a ticket: it stays with its hold (My holds).
 */
export async function listUserBookings(db: DbOrTx, userId: string, limit = 50): Promise<UserBookingSummary[]> {
  const rows = await db
    .select({
      id: bookings.id,
      status: bookings.status,
      total: bookings.totalMinor,
      currency: bookings.currency,
      createdAt: bookings.createdAt,
      seatCount: sql<number>`(select count(*)::int from ${reservationTickets} rt where rt.reservation_id = ${bookings.reservationId})`,
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
    .where(
      and(
        eq(bookings.userId, userId),
        or(
          sql`${bookings.status} in ('confirmed', 'refunded')`,
          and(eq(bookings.status, 'pending'), isNotNull(bookings.paymentSubmittedAt)),
        ),
      ),
    )
    .orderBy(desc(bookings.createdAt), desc(bookings.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    payment: r.status === 'confirmed' ? 'paid' : r.status === 'refunded' ? 'refunded' : 'confirming',
    total: r.total,
    currency: r.currency,
    seatCount: r.seatCount,
    createdAt: r.createdAt.toISOString(),
    event: {
      id: r.eventId,
      name: r.eventName,
      date: r.eventDate.toISOString(),
      venueName: r.venueName,
      city: r.city,
      timezone: r.timezone,
    },
  }));
}
