import 'server-only';
import type { Database } from '@/db';
import type { Kv } from '@/lib/kv/types';
import type { SeatMap } from '@/lib/venues/seat-map';
import { catalogueChanged } from './catalogue-changed';
import { insertEvents } from './insert-events';
import { issueTickets } from './issue-tickets';
import type { NewEvent, TierPrices } from './types';

/**
 * Puts on one event: the event row and one ticket per seat of its venue's map, priced by tier, in
 * one transaction; then its caches and search document are brought up to date.
 */
export async function createEvent(
  db: Database,
  kv: Kv,
  input: NewEvent & { seatMap: SeatMap; prices: TierPrices },
): Promise<{ id: string; tickets: number }> {
  const { seatMap, prices, ...event } = input;
  const created = await db.transaction(async (tx) => {
    const [id] = await insertEvents(tx, [event]);
    const tickets = await issueTickets(tx, [{ eventId: id!, seatMap, prices, currency: event.currency }]);
    return { id: id!, tickets };
  });
  await catalogueChanged(kv, [created.id]);
  return created;
}
