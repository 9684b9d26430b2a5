import 'server-only';
import { sql } from 'drizzle-orm';
import { db } from '@/db';
import { uuidArray } from '@/db/sql-helpers';
import { warnThrottled } from '@/lib/log';
import { batchSeatDiff } from './batch-seat-diff';
import { seatChannel, seatEventName } from './channels';
import { getPusher } from './pusher';
import type { SeatDiff } from './types';

// Pusher takes at most 10 events per batch call.
const eventsPerCall = 10;

// Called after commit by every booking operation that changes seats. Never throws: a lost
// message is noticed by clients as a version gap, and they refetch.
export async function publishSeatDiff(diff: SeatDiff): Promise<void> {
  const pusher = getPusher();
  if (!pusher || diff.changes.length === 0) return;
  try {
    const channel = seatChannel(diff.eventId);
    // Seat indexes never change, so reading them after commit is safe; one indexed lookup.
    const rows = await db.execute<{ id: string; seat_index: number }>(sql`
      select id, seat_index from tickets where id = any(${uuidArray(diff.changes.map((c) => c.id))})`);
    const seatOf = new Map(rows.map((r) => [r.id, r.seat_index]));
    const changes = diff.changes.map((c) => ({ ...c, seat: seatOf.get(c.id) ?? -1 }));
    const events = batchSeatDiff({ ...diff, changes }).map((message) => ({ channel, name: seatEventName, data: JSON.stringify(message) }));
    // Sequential calls keep the parts in order on the channel.
    for (let i = 0; i < events.length; i += eventsPerCall) {
      await pusher.triggerBatch(events.slice(i, i + eventsPerCall));
    }
  } catch (error) {
    warnThrottled('publish-seat-diff', `realtime: could not publish a seat diff (${(error as Error).message}); maps will refetch`);
  }
}
