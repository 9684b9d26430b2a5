import 'server-only';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import type { Kv } from '@/lib/kv/types';
import { encodeSeatMap, type CompactSeatMap } from './seat-map-codec';
import { getEventDetails } from './get-event-view';

/**
 * The static half of the seat map: geometry (by row, see seat-map-codec.ts) and each seat's
 * price, in seat_index order. It only changes if the venue is re-seated or the event repriced,
 * so it is served with a long Cache-Control and a content hash, and statuses come separately,
 * compactly. No ticket ids: diffs name seats by index and the map holds seats by index.
 */
export type SeatCatalogue = { currency: string; map: CompactSeatMap; prices: PriceRun[] };
/** [price in minor units, how many consecutive seats cost it]: a section is usually one run. */
export type PriceRun = [price: number, count: number];

/** The body of GET /api/events/{id}/seats, serialised once, with its content hash. */
export type SeatCatalogueBody = { json: string; hash: string; etag: string; prices: number[] };

export async function loadSeatCatalogue(db: DbOrTx, kv: Kv, eventId: string): Promise<SeatCatalogue> {
  const details = await getEventDetails(db, kv, eventId);
  // Gaps and islands: within one price, seat_index minus its rank is constant along a run.
  const rows = await db.execute<{ price: number; n: number }>(sql`
    select price, count(*)::int as n, min(seat_index) as first from (
      select price_minor as price, seat_index,
             seat_index - row_number() over (partition by price_minor order by seat_index) as run
      from tickets where event_id = ${details.id}) t
    group by price, run order by first`);
  return { currency: details.currency, map: encodeSeatMap(details.venue.seatMap), prices: rows.map((r) => [r.price, r.n]) };
}

type Entry = { body: Promise<SeatCatalogueBody>; builtAt: number };

// Building a stadium's body reads a 1.4 MB seat map and 40,000 prices and fits 1,650 rows: about
// 200 ms. Each process keeps it per event; once it is EVENT_CACHE_SECONDS old the next reader
// starts one rebuild in the background and everyone is served the previous body until it is
// done (the data is static unless an organiser re-seats or reprices; the hash announces it).
const entries = new Map<string, Entry>();
const capacity = 64;

async function build(db: DbOrTx, kv: Kv, eventId: string): Promise<SeatCatalogueBody> {
  const catalogue = await loadSeatCatalogue(db, kv, eventId);
  const json = JSON.stringify(catalogue);
  const hash = createHash('sha256').update(json).digest('base64url').slice(0, 16);
  const prices = [...new Set(catalogue.prices.map(([price]) => price))].sort((a, b) => a - b);
  return { json, hash, etag: `"${hash}"`, prices };
}

function remember(key: string, entry: Entry): void {
  entries.delete(key); // re-insert: Map order doubles as recency order
  entries.set(key, entry);
  if (entries.size > capacity) entries.delete(entries.keys().next().value!);
}

export async function seatCatalogue(db: DbOrTx, kv: Kv, eventId: string): Promise<SeatCatalogueBody> {
  if (!isUuid(eventId)) throw new AppError('not_found', 'No such event.');
  const key = eventId.toLowerCase();
  const hit = entries.get(key);
  const now = Date.now();
  if (hit) {
    if (now - hit.builtAt >= Math.max(1, env.EVENT_CACHE_SECONDS) * 1000) {
      hit.builtAt = now; // one rebuild at a time
      build(db, kv, key).then(
        (body) => remember(key, { body: Promise.resolve(body), builtAt: Date.now() }),
        () => {}, // keep serving the last good body; the next period tries again
      );
    }
    return hit.body;
  }
  const entry = { body: build(db, kv, key), builtAt: now };
  remember(key, entry);
  // A failed first build is forgotten so the next reader tries again.
  entry.body.catch(() => entries.get(key) === entry && entries.delete(key));
  return entry.body;
}
