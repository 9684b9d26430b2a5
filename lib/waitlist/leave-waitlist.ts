import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { waitlistEntries } from '@/db/schema';
import { releaseHold } from '@/lib/booking/release-hold';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import type { Kv } from '@/lib/kv/types';
import { settleOffers } from './settle-offers';

/**
 * Takes the fan off an event's waitlist. An open offer is given back (its hold released, so the
 * seats go to the next fan at once). The guarded update races safely with an offer pass: the pass
 * marks an entry offered only while it is still waiting, so a fan who left is never offered
 * anything, and a leave that follows an offer finds the offer and releases it.
 * 404 when the fan has no open entry (another fan's entry cannot be named at all).
 */
export async function leaveWaitlist(db: Database, kv: Kv, input: { userId: string; eventId: string }): Promise<void> {
  if (!isUuid(input.eventId)) throw new AppError('not_found', 'You are not on the waitlist for this event.');
  const eventId = input.eventId.toLowerCase();
  // An offer already bought or lapsed is closed first, so it is not recorded as left.
  await settleOffers(db, { eventId, userId: input.userId });
  const [left] = await db
    .update(waitlistEntries)
    .set({ status: 'left', endedAt: sql`now()` })
    .where(
      and(
        eq(waitlistEntries.userId, input.userId),
        eq(waitlistEntries.eventId, eventId),
        inArray(waitlistEntries.status, ['waiting', 'offered']),
      ),
    )
    .returning({ offerReservationId: waitlistEntries.offerReservationId });
  if (!left) throw new AppError('not_found', 'You are not on the waitlist for this event.');
  if (!left.offerReservationId) return;
  // Already bought, released or lapsed: nothing left to give back.
  await releaseHold(db, kv, { userId: input.userId, reservationId: left.offerReservationId }).catch((error: unknown) => {
    if (!(error instanceof AppError)) throw error;
  });
}
