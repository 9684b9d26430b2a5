import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { AppError } from '@/lib/errors';

/** The map picks seats by their index in the event's seat order; holds are taken by ticket id. */
export async function ticketIdsForSeats(db: DbOrTx, eventId: string, seats: number[]): Promise<string[]> {
  const rows = await db.execute<{ id: string; seat_index: number }>(sql`
    select id, seat_index from tickets
    where event_id = ${eventId} and seat_index = any(${`{${seats.join(',')}}`}::int[])`);
  const byIndex = new Map(rows.map((r) => [r.seat_index, r.id]));
  const missing = seats.filter((s) => !byIndex.has(s));
  if (missing.length) throw new AppError('not_found', 'Some of these seats do not exist.', { seats: missing });
  return seats.map((s) => byIndex.get(s)!);
}
