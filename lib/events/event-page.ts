import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { events, performers, venues } from '@/db/schema';
import { isUuid } from '@/lib/ids';
import type { Kv } from '@/lib/kv/types';
import { seatCatalogue } from './seat-catalogue';

/**
 * What the event page prints: public facts only, the same for every fan, and none of the
 * 40,000 seats (the map and the seat list read those from /seats and /availability in the
 * browser). `fromPrice` is as of the render; the page is re-rendered every few seconds.
 */
export type EventPageData = {
  id: string;
  name: string;
  date: string;
  description: string;
  category: string;
  onSaleAt: string;
  currency: string;
  performer: { name: string; genre: string };
  venue: { name: string; address: string; city: string; timezone: string };
  seats: {
    total: number;
    /** Lowest price of a seat a fan could hold now; null when none is left. */
    fromPrice: number | null;
    /** Every price on sale, for the best-available form. */
    prices: number[];
    /** Content hash of the geometry (GET /api/events/{id}/seats?v=...); null without seats. */
    hash: string | null;
  };
};

export async function loadEventPage(db: DbOrTx, kv: Kv, eventId: string): Promise<EventPageData | null> {
  if (!isUuid(eventId)) return null;
  const [row] = await db
    .select({
      id: events.id,
      name: events.name,
      date: events.date,
      description: events.description,
      category: events.category,
      onSaleAt: events.onSaleAt,
      currency: events.currency,
      performer: { name: performers.name, genre: performers.genre },
      venue: { name: venues.name, address: venues.address, city: venues.city, timezone: venues.timezone },
    })
    .from(events)
    .innerJoin(performers, eq(performers.id, events.performerId))
    .innerJoin(venues, eq(venues.id, events.venueId))
    .where(eq(events.id, eventId))
    .limit(1);
  if (!row) return null;
  // A hold past its expiry counts as available, whether or not the sweeper has run (invariant 3).
  const [counts] = await db.execute<{ total: number; from_price: number | null }>(sql`
    select count(*)::int as total,
           min(price_minor) filter (where status = 'available' or (status = 'reserved' and hold_expires_at <= now())) as from_price
    from tickets where event_id = ${row.id}`);
  const total = counts?.total ?? 0;
  const catalogue = total > 0 ? await seatCatalogue(db, kv, row.id) : null;
  return {
    ...row,
    date: row.date.toISOString(),
    onSaleAt: row.onSaleAt.toISOString(),
    seats: {
      total,
      fromPrice: counts?.from_price ?? null,
      prices: catalogue?.prices ?? [],
      hash: catalogue?.hash ?? null,
    },
  };
}
