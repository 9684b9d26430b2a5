import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { tickets } from '@/db/schema';
import { uuidArray } from '@/db/sql-helpers';
import { warnThrottled } from '@/lib/log';
import { batchSeatDiff, type WireSeatChange } from './batch-seat-diff';
import { channelPublisher } from './channel-publisher';
import { seatChannel, seatEventName } from './channels';
import { getPusher } from './pusher';
import type { SeatChange, SeatDiff } from './types';

// One publisher per process: each channel's diffs go out in version order, several per call.
const publish = channelPublisher(async (channel, messages) => {
  const pusher = getPusher();
  if (!pusher) return;
  await pusher.triggerBatch(messages.map((message) => ({ channel, name: seatEventName, data: JSON.stringify(message) })));
});

/**
 * The one announcement of a seat change, called after commit by every operation that changes
 * seats (hold, release, expiry, sale, refund). Anything that should follow a seat change (open
 * seat maps today; seat-drop alerts or waitlist offers later) hooks in here, once.
 *
 * Never throws: a lost message is noticed by clients as a version gap, and they refetch.
 */
export async function seatsChanged(db: DbOrTx, diff: SeatDiff): Promise<void> {
  await publishToMaps(db, diff);
  if (diff.changes.some((c) => c.status === 'available')) await offerToWaitlist(diff.eventId);
}

// Freed seats go to the event's waitlist first (lib/waitlist). Imported when needed: the
// waitlist holds seats through lib/booking, which announces through this module.
async function offerToWaitlist(eventId: string): Promise<void> {
  try {
    const [{ db }, { offerFreedSeats }] = await Promise.all([import('@/db'), import('@/lib/waitlist/offer-freed-seats')]);
    await offerFreedSeats(db, eventId);
  } catch (error) {
    warnThrottled('waitlist-offers', `waitlist: could not offer freed seats (${(error as Error).message}); the next seat change retries`);
  }
}

async function publishToMaps(db: DbOrTx, diff: SeatDiff): Promise<void> {
  const pusher = getPusher();
  if (!pusher || diff.changes.length === 0) return;
  try {
    const changes = await withSeats(db, diff.changes);
    await publish(seatChannel(diff.eventId), batchSeatDiff({ ...diff, changes }));
  } catch (error) {
    warnThrottled('seats-changed', `realtime: could not publish a seat diff (${(error as Error).message}); maps will refetch`);
  }
}

// Seat indexes never change, so reading them after commit is safe; one indexed lookup, skipped
// when the operation returned them with its commit (a hold does).
async function withSeats(db: DbOrTx, changes: SeatChange[]): Promise<WireSeatChange[]> {
  if (changes.every((c) => c.seat !== undefined)) return changes as WireSeatChange[];
  const rows = await db
    .select({ id: tickets.id, seatIndex: tickets.seatIndex })
    .from(tickets)
    .where(sql`${tickets.id} = any(${uuidArray(changes.map((c) => c.id))})`);
  const seatOf = new Map(rows.map((r) => [r.id, r.seatIndex]));
  return changes.map((c) => ({ ...c, seat: c.seat ?? seatOf.get(c.id) ?? -1 }));
}
