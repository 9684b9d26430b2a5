import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '@/db';
import { withRetry } from '@/db/errors';
import { reservations, tickets } from '@/db/schema';
import { env, holdMs } from '@/lib/env';
import { AppError, fromZod } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import type { Kv } from '@/lib/kv/types';
import { clientIp } from '@/lib/rate-limit/client-ip';
import { enforceRateLimit } from '@/lib/rate-limit/enforce';
import { fansWaiting } from '@/lib/waiting-room/fans-waiting';
import type { FanRequest } from './hold-seats';
import { ticketLockKey } from './lock-keys';

export type HoldExtension = { reservationId: string; expiresAt: string; extensionsUsed: number; extensionsMax: number };

// Strict, like the hold door: a JSON string id and nothing else. A string that is not a UUID
// names no hold of the fan's, so it is a 404 below, as everywhere else.
const inputSchema = z.object({ reservationId: z.string().max(100) }).strict();

/**
 * "Need more time?": adds another hold length to the fan's live hold, at most HOLD_EXTENSIONS_MAX
 * times (WCAG 2.2.1 asks that a time limit can be extended; a cap keeps one fan from sitting on
 * seats for ever, as pretix's endlessly resettable timer allowed). The door of a hold change, in
 * the order of lib/booking/hold-seats.ts: the reserve rate limit first, then strict input, then
 * the waiting room (no more time while fans are queueing for these seats: 409 fans_waiting), then
 * one guarded update.
 *
 * The update extends the hold and its seats in one statement, only if the hold is the fan's,
 * active, not lapsed and under the cap. Concurrent requests serialise on the reservation's row
 * lock and each re-checks the cap on the row as the previous one left it, so no number of clicks
 * or tabs passes the cap. Seats keep their status, so no seat diff is published and the seat
 * version stays: availability caches, valid until the earliest lapse, only rebuild early.
 */
export async function extendHold(db: Database, kv: Kv, fan: FanRequest, input: unknown): Promise<HoldExtension> {
  await enforceRateLimit(kv, 'reserve', { fan: fan.user.id, ip: clientIp(fan.headers) });
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) throw fromZod(parsed.error);
  if (!isUuid(parsed.data.reservationId)) throw notFound();
  const reservationId = parsed.data.reservationId.toLowerCase();
  const userId = fan.user.id;
  const max = env.HOLD_EXTENSIONS_MAX;

  const [hold] = await db
    .select({ eventId: reservations.eventId })
    .from(reservations)
    .where(and(eq(reservations.id, reservationId), eq(reservations.userId, userId)));
  if (!hold) throw notFound();
  const waiting = await fansWaiting(db, kv, hold.eventId);
  if (waiting > 0) {
    throw new AppError(
      'fans_waiting',
      `We cannot add time while ${waiting.toLocaleString('en')} ${waiting === 1 ? 'fan is' : 'fans are'} still in the queue for this event. Please finish booking before your hold runs out.`,
      { fansWaiting: waiting },
    );
  }

  // One statement, safe to retry: a repeat after a lost answer is refused by the cap at worst.
  const [row] = await withRetry(() =>
    db.execute<{ expiresAt: string; extensions: number; ticketIds: string[] }>(sql`
      with r as (
        update ${reservations} set expires_at = expires_at + make_interval(secs => ${holdMs() / 1000}), extensions = extensions + 1
        where id = ${reservationId} and user_id = ${userId} and status = 'active' and expires_at > now() and extensions < ${max}
        returning expires_at, extensions
      ), t as (
        update ${tickets} set hold_expires_at = (select expires_at from r)
        where hold_id = ${reservationId} and status = 'reserved' and exists (select 1 from r)
        returning id
      )
      select expires_at as "expiresAt", extensions, (select coalesce(array_agg(id::text), '{}'::text[]) from t) as "ticketIds" from r`),
  );
  if (!row) throw await whyNot(db, reservationId, userId, max);

  const expiresAt = new Date(row.expiresAt);
  // The kv locks must last as long as the hold, or they would stop shedding contention early.
  await kv.extendLocks(row.ticketIds.map(ticketLockKey), reservationId, expiresAt.getTime() - Date.now()).catch(() => 0);
  return { reservationId, expiresAt: expiresAt.toISOString(), extensionsUsed: row.extensions, extensionsMax: max };
}

const notFound = () => new AppError('not_found', 'No such reservation.');

// The update changed nothing: say why, from the row as it is now.
async function whyNot(db: Database, reservationId: string, userId: string, max: number): Promise<AppError> {
  const [r] = await db
    .select({ status: reservations.status, live: sql<boolean>`${reservations.expiresAt} > now()`, extensions: reservations.extensions })
    .from(reservations)
    .where(and(eq(reservations.id, reservationId), eq(reservations.userId, userId)));
  if (!r) return notFound();
  if (r.status === 'converted') return new AppError('hold_not_active', 'These seats are already paid for.');
  if (r.status === 'released') return new AppError('hold_not_active', 'You released this hold.');
  if (r.status === 'expired' || !r.live) return new AppError('hold_expired', 'This hold has expired. Pick your seats again.');
  return new AppError(
    'hold_extension_limit',
    max === 0
      ? 'Holds cannot be extended on this site.'
      : `You have already added time ${max === 1 ? 'once' : `${max} times`}, the most we allow, so other fans get a fair chance at these seats.`,
    { extensionsMax: max, extensionsUsed: r.extensions },
  );
}
