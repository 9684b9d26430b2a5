import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';

/** What an event has left: free seats (a lapsed hold counts as free), seats in live holds, sold. */
export type Supply = { left: number; held: number; sold: number; total: number; soldOut: boolean };

// Every fan in a queue polls every few seconds; one count per event per process every couple of
// seconds keeps that off Postgres. A sell-out is therefore seen at most this late, and nobody is
// admitted into an empty sale for longer than that.
const cacheMs = 2_000;
const cache = new Map<string, { at: number; value: Promise<Supply> }>();

export function eventSupply(db: DbOrTx, eventId: string): Promise<Supply> {
  const id = eventId.toLowerCase();
  const hit = cache.get(id);
  if (hit && Date.now() - hit.at < cacheMs) return hit.value;
  const value = load(db, id);
  value.catch(() => cache.delete(id));
  cache.set(id, { at: Date.now(), value });
  if (cache.size > 10_000) cache.delete(cache.keys().next().value!);
  return value;
}

async function load(db: DbOrTx, eventId: string): Promise<Supply> {
  const [row] = await db.execute<{ left: number; held: number; sold: number; total: number }>(sql`
    select count(*) filter (where status = 'available' or (status = 'reserved' and hold_expires_at <= now()))::int as "left",
           count(*) filter (where status = 'reserved' and hold_expires_at > now())::int as held,
           count(*) filter (where status = 'sold')::int as sold,
           count(*)::int as total
    from tickets where event_id = ${eventId}`);
  const { left = 0, held = 0, sold = 0, total = 0 } = row ?? {};
  // Sold out means every seat is sold: a seat in a hold may still come back when the hold lapses.
  return { left, held, sold, total, soldOut: total > 0 && sold === total };
}
