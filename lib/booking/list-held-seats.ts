import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { reservations, tickets } from '@/db/schema';

/** Seat indexes a fan holds right now for one event, in seat order, so the seat map can draw them as theirs. */
export async function listHeldSeats(db: DbOrTx, userId: string, eventId: string): Promise<number[]> {
  const rows = await db
    .select({ seatIndex: tickets.seatIndex })
    .from(tickets)
    .innerJoin(reservations, eq(reservations.id, tickets.holdId))
    .where(
      and(
        eq(reservations.userId, userId),
        eq(tickets.eventId, eventId),
        eq(tickets.status, 'reserved'),
        sql`${tickets.holdExpiresAt} > now()`,
      ),
    )
    .orderBy(asc(tickets.seatIndex));
  return rows.map((r) => r.seatIndex);
}
