import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { withRetry } from '@/db/errors';
import { bumpSeatVersion } from '@/db/queries/seat-version';
import { reservations, tickets } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import type { Kv } from '@/lib/kv/types';
import { seatsChanged } from '@/lib/realtime/seats-changed';
import { closeCheckouts } from './close-checkouts';
import { ticketLockKey } from './lock-keys';

/**
 * The owner gives the seats back before the hold runs out. Releasing twice is not an error.
 * Another fan's hold reads as missing (404), like one that does not exist.
 */
export async function releaseHold(
  db: Database,
  kv: Kv,
  input: { userId: string; reservationId: string },
): Promise<{ reservationId: string; status: 'released' }> {
  if (!isUuid(input.reservationId)) throw new AppError('not_found', 'No such reservation.');
  const reservationId = input.reservationId.toLowerCase();

  // Safe to retry: a second run after a commit whose answer was lost finds the hold released.
  const released = await withRetry(() =>
    db.transaction(async (tx) => {
      const [r] = await tx
        .select({
          userId: reservations.userId,
          eventId: reservations.eventId,
          status: reservations.status,
          live: sql<boolean>`${reservations.expiresAt} > now()`,
        })
        .from(reservations)
        .where(eq(reservations.id, reservationId))
        .for('update');
      if (!r || r.userId !== input.userId) throw new AppError('not_found', 'No such reservation.');
      if (r.status === 'released') return { eventId: r.eventId, version: null, ticketIds: [] };
      if (r.status === 'converted') throw new AppError('hold_not_active', 'These seats are already paid for.');
      if (r.status === 'expired' || !r.live) throw new AppError('hold_expired', 'This hold has already expired.');

      // hold_id guards against a seat that was re-held by someone else after this hold lapsed.
      const freed = await tx
        .update(tickets)
        .set({ status: 'available', holdId: null, holdExpiresAt: null })
        .where(and(eq(tickets.holdId, reservationId), eq(tickets.status, 'reserved')))
        .returning({ id: tickets.id });
      await tx
        .update(reservations)
        .set({ status: 'released', endedAt: sql`now()` })
        .where(eq(reservations.id, reservationId));
      const version = await bumpSeatVersion(tx, r.eventId);
      return { eventId: r.eventId, version, ticketIds: freed.map((t) => t.id) };
    }),
  );

  const { eventId, version, ticketIds } = released;
  if (version !== null && ticketIds.length) {
    void seatsChanged(db, { eventId, version, changes: ticketIds.map((id) => ({ id, status: 'available' as const })) });
    await kv.releaseLocks(ticketIds.map(ticketLockKey), reservationId).catch(() => {});
  }
  // A released hold must not be paid for: close its checkout, if one is open (never throws).
  // Also on a repeat, in case the first call's answer (and this step) was lost.
  await closeCheckouts(db, [reservationId]);
  return { reservationId, status: 'released' };
}
