import 'server-only';
import { sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { withRetry } from '@/db/errors';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import type { Kv } from '@/lib/kv/types';
import { expireCheckoutSessions } from '@/lib/payments/expire-session';
import { publishSeatDiff } from '@/lib/realtime/publish-seat-diff';
import { ticketLockKey } from './lock-keys';

type Row = { user_id: string; event_id: string; status: 'active' | 'released' | 'expired' | 'converted'; live: boolean };

/** The owner gives the seats back before the hold runs out. Releasing twice is not an error. */
export async function releaseHold(
  db: Database,
  kv: Kv,
  input: { userId: string; reservationId: string },
): Promise<{ reservationId: string; status: 'released' }> {
  if (!isUuid(input.reservationId)) throw new AppError('not_found', 'No such reservation.');
  const reservationId = input.reservationId.toLowerCase();

  const released = await withRetry(() =>
    db.transaction(async (tx) => {
      const [r] = await tx.execute<Row>(sql`
        select user_id, event_id, status, expires_at > now() as live from reservations where id = ${reservationId} for update`);
      if (!r) throw new AppError('not_found', 'No such reservation.');
      if (r.user_id !== input.userId) throw new AppError('forbidden', 'This hold belongs to another fan.');
      if (r.status === 'released') return null;
      if (r.status === 'converted') throw new AppError('hold_not_active', 'These seats are already paid for.');
      if (r.status === 'expired' || !r.live) throw new AppError('hold_expired', 'This hold has already expired.');

      // hold_id guards against a seat that was re-held by someone else after this hold lapsed.
      const freed = await tx.execute<{ id: string }>(sql`
        update tickets set status = 'available', hold_id = null, hold_expires_at = null
        where hold_id = ${reservationId} and status = 'reserved'
        returning id`);
      const [ended] = await tx.execute<{ seat_version: string }>(sql`
        with r as (update reservations set status = 'released', ended_at = now() where id = ${reservationId} returning event_id)
        update events set seat_version = seat_version + 1 where id = (select event_id from r) returning seat_version`);
      return { eventId: r.event_id, version: Number(ended!.seat_version), ticketIds: freed.map((t) => t.id) };
    }),
  );

  if (released?.ticketIds.length) {
    const { eventId, version, ticketIds } = released;
    void publishSeatDiff({ eventId, version, changes: ticketIds.map((id) => ({ id, status: 'available' as const })) });
    await kv.releaseLocks(ticketIds.map(ticketLockKey), reservationId).catch(() => {});
  }
  // A released hold must not be paid for: close its checkout, if one is open (never throws).
  if (released) await expireCheckoutSessions(db, [reservationId]);
  return { reservationId, status: 'released' };
}
