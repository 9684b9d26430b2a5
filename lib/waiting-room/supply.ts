import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { shortCache } from './short-cache';

/** What an event has left: free seats (a lapsed hold counts as free), seats in live holds, sold. */
export type Supply = { left: number; held: number; sold: number; total: number; soldOut: boolean };

// Every fan in a queue polls every few seconds; one count per event per process every couple of
// seconds keeps that off Postgres. A sell-out is therefore seen at most this late, and nobody is
// admitted into an empty sale for longer than that.
const cacheMs = 2_000;
const cached = shortCache<Supply>(cacheMs);

export function eventSupply(db: DbOrTx, eventId: string): Promise<Supply> {
  const id = eventId.toLowerCase();
  return cached(id, () => load(db, id));
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
