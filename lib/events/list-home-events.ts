import 'server-only';
import { and, asc, count, desc, eq, gt, lte, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { events, performers, venues } from '@/db/schema';
import { lowestPrices } from './lowest-prices';

export type HomeEvent = {
  id: string;
  name: string;
  date: string;
  onSaleAt: string;
  city: string;
  category: string;
  currency: string;
  performerName: string;
  venueName: string;
  /** The venue's IANA time zone, for printing local show times. */
  timezone: string;
  /** Lowest price among seats a fan could hold now, minor units; null when none are left. */
  fromPrice: number | null;
};

export type CityCount = { city: string; count: number };

export type HomeEvents = {
  onSale: HomeEvent[];
  comingSoon: HomeEvent[];
  cities: CityCount[];
};

export type ListHomeEventsOptions = {
  city?: string | null;
  now?: Date;
  onSaleLimit?: number;
  comingSoonLimit?: number;
  cityLimit?: number;
};

export async function listHomeEvents(db: DbOrTx, options: ListHomeEventsOptions = {}): Promise<HomeEvents> {
  const now = options.now ?? new Date();
  const city = options.city?.trim() || null;
  const cityFilter: SQL | undefined = city ? sql`lower(${events.city}) = lower(${city})` : undefined;

  const columns = {
    id: events.id,
    name: events.name,
    date: events.date,
    onSaleAt: events.onSaleAt,
    city: events.city,
    category: events.category,
    currency: events.currency,
    performerName: performers.name,
    venueName: venues.name,
    timezone: venues.timezone,
  };
  const base = () =>
    db
      .select(columns)
      .from(events)
      .innerJoin(performers, eq(performers.id, events.performerId))
      .innerJoin(venues, eq(venues.id, events.venueId));

  const [onSaleRows, comingSoonRows, cities] = await Promise.all([
    base()
      .where(and(lte(events.onSaleAt, now), gt(events.date, now), cityFilter))
      .orderBy(asc(events.date), asc(events.id))
      .limit(options.onSaleLimit ?? 12),
    base()
      .where(and(gt(events.onSaleAt, now), gt(events.date, now), cityFilter))
      .orderBy(asc(events.onSaleAt), asc(events.date), asc(events.id))
      .limit(options.comingSoonLimit ?? 8),
    db
      .select({ city: events.city, count: count() })
      .from(events)
      .where(gt(events.date, now))
      .groupBy(events.city)
      .orderBy(desc(count()), asc(events.city))
      .limit(options.cityLimit ?? 24),
  ]);

  const ids = [...onSaleRows, ...comingSoonRows].map((r) => r.id);
  const prices = ids.length === 0 ? [] : await lowestPrices(db, ids, now);
  const priceById = new Map(prices.map((p) => [p.eventId, p.fromPrice]));

  const shape = (r: (typeof onSaleRows)[number]): HomeEvent => ({
    ...r,
    date: r.date.toISOString(),
    onSaleAt: r.onSaleAt.toISOString(),
    fromPrice: priceById.get(r.id) ?? null,
  });

  return { onSale: onSaleRows.map(shape), comingSoon: comingSoonRows.map(shape), cities };
}
