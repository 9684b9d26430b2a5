import 'server-only';
import { desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { bookings, events, reservationTickets, venues, type BookingStatus } from '@/db/schema';

export type UserBookingSummary = {
  id: string;
  status: BookingStatus;
  total: number;
  currency: string;
  seatCount: number;
  createdAt: string;
  event: { id: string; name: string; date: string; venueName: string; city: string; timezone: string };
};

/** "My tickets": the fan's bookings, newest first. */
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
    .where(eq(bookings.userId, userId))
    .orderBy(desc(bookings.createdAt), desc(bookings.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    total: r.total,
    currency: r.currency,
    seatCount: r.seatCount,
    createdAt: r.createdAt.toISOString(),
    event: { id: r.eventId, name: r.eventName, date: r.eventDate.toISOString(), venueName: r.venueName, city: r.city, timezone: r.timezone },
  }));
}
