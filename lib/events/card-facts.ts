import 'server-only';
import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { events } from '@/db/schema';
import type { Kv } from '@/lib/kv/types';
import { queuedEventIds } from '@/lib/waiting-room/queued-events';
import { lowestPrices } from './lowest-prices';

/** What an event card prints besides the names: price and on-sale state (components/events/sale-label.tsx). */
export type CardFacts = {
  onSaleAt: string;
  currency: string;
  /** Lowest all-in price of a seat a fan could hold now, minor units; null when none is left. */
  fromPrice: number | null;
  /** The waiting room is on for this event. */
  queued: boolean;
};

/**
 * The card facts of these events, read as the home page's cards read them: the lowest price by
 * lowestPrices() and the queued events from the in-process list the gate uses (no extra query).
 */
export async function cardFacts(db: DbOrTx, kv: Kv, ids: string[], now = new Date()): Promise<Map<string, CardFacts>> {
  if (ids.length === 0) return new Map();
  const [rows, prices, queued] = await Promise.all([
    db.select({ id: events.id, onSaleAt: events.onSaleAt, currency: events.currency }).from(events).where(inArray(events.id, ids)),
    lowestPrices(db, ids, now),
    queuedEventIds(db, kv, { fresh: false }),
  ]);
  const priceById = new Map(prices.map((p) => [p.eventId, p.fromPrice]));
  return new Map(
    rows.map((r) => [
      r.id,
      { onSaleAt: r.onSaleAt.toISOString(), currency: r.currency, fromPrice: priceById.get(r.id) ?? null, queued: queued.has(r.id) },
    ]),
  );
}
