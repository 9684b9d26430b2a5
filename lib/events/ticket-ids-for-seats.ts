import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { tickets } from '@/db/schema';
import { AppError } from '@/lib/errors';

/** The map picks seats by their index in the event's seat order; holds are taken by ticket id. */
export async function ticketIdsForSeats(db: DbOrTx, eventId: string, seats: number[]): Promise<string[]> {
  const rows = await db
    .select({ id: tickets.id, seatIndex: tickets.seatIndex })
    .from(tickets)
    .where(and(eq(tickets.eventId, eventId), sql`${tickets.seatIndex} = any(${`{${seats.join(',')}}`}::int[])`));
  const byIndex = new Map(rows.map((r) => [r.seatIndex, r.id]));
  const missing = seats.filter((s) => !byIndex.has(s));
  if (missing.length) throw new AppError('not_found', 'Some of these seats do not exist.', { seats: missing });
  return seats.map((s) => byIndex.get(s)!);
}
