import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';

/** Seat indexes a fan holds right now for one event, so the seat map can draw them as theirs. */
export async function listHeldSeats(db: DbOrTx, userId: string, eventId: string): Promise<number[]> {
  const rows = await db.execute<{ seat_index: number }>(sql`
    select t.seat_index from tickets t join reservations r on r.id = t.hold_id
    where r.user_id = ${userId} and t.event_id = ${eventId}
      and t.status = 'reserved' and t.hold_expires_at > now()`);
  return rows.map((r) => r.seat_index);
}
