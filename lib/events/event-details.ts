import 'server-only';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { events, performers, venues } from '@/db/schema';
import type { SeatMap, VenueKind } from '@/lib/venues/seat-map';

// The slow-changing part of an event: safe to cache for a minute.
export type EventDetails = {
  id: string;
  name: string;
  date: string;
  description: string;
  city: string;
  category: string;
  onSaleAt: string;
  currency: string;
  performer: { id: string; name: string; genre: string };
  venue: { id: string; name: string; address: string; city: string; timezone: string; kind: VenueKind; seatMap: SeatMap };
};

export async function loadEventDetails(db: DbOrTx, eventId: string): Promise<EventDetails | null> {
  const [row] = await db
    .select({ event: events, performer: performers, venue: venues })
    .from(events)
    .innerJoin(performers, eq(performers.id, events.performerId))
    .innerJoin(venues, eq(venues.id, events.venueId))
    .where(eq(events.id, eventId))
    .limit(1);
  if (!row) return null;
  const { event, performer, venue } = row;
  return {
    id: event.id,
    name: event.name,
    date: event.date.toISOString(),
    description: event.description,
    city: event.city,
    category: event.category,
    onSaleAt: event.onSaleAt.toISOString(),
    currency: event.currency,
    performer: { id: performer.id, name: performer.name, genre: performer.genre },
    venue: {
      id: venue.id,
      name: venue.name,
      address: venue.address,
      city: venue.city,
      timezone: venue.timezone,
      kind: venue.kind,
      seatMap: venue.seatMap,
    },
  };
}
