import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import type { Kv } from '@/lib/kv/types';
import type { SeatMap } from '@/lib/venues/seat-map';
import { getEventDetails } from './get-event-view';

/**
 * The static half of the seat map: geometry and each seat's price, in seat_index order. It only
 * changes if the venue is re-seated, so it is served with a long Cache-Control, and statuses come
 * separately, compactly. No ticket ids: diffs name seats by index and the map holds seats by
 * index, which keeps a stadium's download to the geometry.
 */
export type SeatCatalogue = { currency: string; seatMap: SeatMap; prices: PriceRun[] };
/** [price in minor units, how many consecutive seats cost it]: a section is usually one run. */
export type PriceRun = [price: number, count: number];

export async function loadSeatCatalogue(db: DbOrTx, kv: Kv, eventId: string): Promise<SeatCatalogue> {
  const details = await getEventDetails(db, kv, eventId);
  // Gaps and islands: within one price, seat_index minus its rank is constant along a run (raw
  // SQL for the window).
  const rows = await db.execute<{ price: number; n: number }>(sql`
    select price, count(*)::int as n, min(seat_index) as first from (
      select price_minor as price, seat_index,
             seat_index - row_number() over (partition by price_minor order by seat_index) as run
      from tickets where event_id = ${details.id}) t
    group by price, run order by first`);
  return { currency: details.currency, seatMap: details.venue.seatMap, prices: rows.map((r) => [r.price, r.n]) };
}
