import 'server-only';
import { and, eq, inArray, lte, min, or } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { tickets } from '@/db/schema';

/**
 * The lowest all-in price a fan could hold now, per event: what the home page's and the search
 * results' cards print. Events with nothing left are absent. A hold past its expiry counts as
 * available, whether or not the sweeper has run yet.
 */
export async function lowestPrices(db: DbOrTx, eventIds: string[], now: Date): Promise<{ eventId: string; fromPrice: number | null }[]> {
  if (eventIds.length === 0) return [];
  return db
    .select({ eventId: tickets.eventId, fromPrice: min(tickets.priceMinor) })
    .from(tickets)
    .where(
      and(
        inArray(tickets.eventId, eventIds),
        or(eq(tickets.status, 'available'), and(eq(tickets.status, 'reserved'), lte(tickets.holdExpiresAt, now))),
      ),
    )
    .groupBy(tickets.eventId);
}
