import 'server-only';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { reservations, tickets } from '@/db/schema';
import { offerMs } from '@/lib/env';
import { claimInPostgres } from './reserve-seats';
import type { Hold } from './types';

/**
 * Holds freed seats for a waitlisted fan, inside the caller's transaction (the waitlist's, which
 * also records the offer, so a hold and its offer commit together or not at all). The claim is
 * reserveSeats' own: the fan's advisory lock, row locks, the per-fan limit and the guarded
 * update, so an offer can never take a live hold's or a sold seat. The hold then lasts for the
 * offer window instead of the usual hold length, and ends like any hold (release, expiry, sale).
 *
 * The caller announces the seat change after commit with the returned version.
 */
export async function holdOffer(
  tx: DbOrTx,
  input: { userId: string; eventId: string; ticketIds: string[] },
): Promise<Hold & { version: number }> {
  const reservationId = randomUUID();
  const claim = await claimInPostgres(tx, { ...input, reservationId });
  const window = sql`now() + make_interval(secs => ${offerMs() / 1000})`;
  const [row] = await tx
    .update(reservations)
    .set({ expiresAt: window })
    .where(eq(reservations.id, reservationId))
    .returning({ expiresAt: reservations.expiresAt });
  await tx.update(tickets).set({ holdExpiresAt: row!.expiresAt }).where(eq(tickets.holdId, reservationId));
  return { reservationId, expiresAt: row!.expiresAt, version: claim.version ?? 0 };
}
