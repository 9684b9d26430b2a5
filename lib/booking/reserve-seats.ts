import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, or, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '@/db';
import { withRetry } from '@/db/errors';
import { reservations, tickets } from '@/db/schema';
import { uuidArray } from '@/db/sql-helpers';
import { env, holdMs } from '@/lib/env';
import { AppError, fromZod } from '@/lib/errors';
import type { Kv } from '@/lib/kv/types';
import { warnThrottled } from '@/lib/log';
import { seatsChanged } from '@/lib/realtime/seats-changed';
import { addSpan, span } from '@/lib/timing/spans';
import { companionAlone } from './companion-alone';
import { ticketIdFromLockKey, ticketLockKey } from './lock-keys';
import { reserveInputSchema } from './reserve-input';
import type { Hold } from './types';

export type { Hold } from './types';
export type ReserveSeatsInput = { userId: string; eventId: string; ticketIds: string[] };

/**
 * Holds seats for one fan: all of them or none.
 *
 * 1. A Redis lock set (one script, all-or-nothing) sheds contention before Postgres. Redis is an
 *    accelerator: when it fails we go on with Postgres alone, and a lock that Postgres does not
 *    confirm (an orphan of a crashed request) never blocks a seat; Postgres decides.
 * 2. One call of the hold_seats() SQL function decides, in one round trip and one transaction: the
 *    fan's (user, event) advisory lock serialises their own tabs so the per-fan limit cannot be
 *    raced; tickets are row-locked in id order (no deadlocks between overlapping holds), checked,
 *    and claimed by a conditional update.
 *
 * A dropped database connection is retried (each step is safe to repeat, see below) and, if it
 * persists, surfaces as a transient error that the caller answers 503.
 */
export async function reserveSeats(db: Database, kv: Kv, input: ReserveSeatsInput): Promise<Hold> {
  const parsed = reserveInputSchema.safeParse({ eventId: input.eventId, ticketIds: input.ticketIds });
  if (!parsed.success) throw fromZod(parsed.error);
  const eventId = parsed.data.eventId.toLowerCase();
  const ticketIds = parsed.data.ticketIds.map((t) => t.toLowerCase());
  const reservationId = randomUUID();
  const keys = ticketIds.map(ticketLockKey);

  await span('kv-lock', () => lockInKv(db, kv, keys, reservationId));
  try {
    const { version, seats, ...hold } = await withRetry(async (attempt) => {
      // A connection lost while COMMIT was in flight leaves it unknown whether the hold exists:
      // on a retry, look for it before claiming again (the seats would read as taken by it).
      const committed = attempt > 1 ? await committedHold(db, reservationId) : null;
      return committed ?? span('db', () => claimInPostgres(db, { userId: input.userId, eventId, ticketIds, reservationId }));
    });
    // A hold found after a lost commit has no version to announce; clients see the next diff's gap.
    if (version !== null) {
      void seatsChanged(db, {
        eventId,
        version,
        changes: ticketIds.map((id, i) => ({ id, status: 'reserved' as const, seat: seats?.[i] })),
      });
    }
    return hold;
  } catch (error) {
    // Also after a failed or timed-out acquire: the script may have run all the same. Release is
    // compare-and-delete on our own id, so it is always safe, and nobody waits for it.
    void kv.releaseLocks(keys, reservationId).catch(() => {});
    throw error;
  }
}

async function lockInKv(db: DbOrTx, kv: Kv, keys: string[], owner: string): Promise<void> {
  let result;
  try {
    result = await kv.acquireLocks(keys, owner, holdMs());
  } catch (error) {
    warnThrottled('reserve-kv', `reserve: kv lock unavailable (${(error as Error).message}); continuing on Postgres alone`);
    return;
  }
  if (result.ok) return;
  const taken = result.taken.map(ticketIdFromLockKey);
  // Outside the claim's transaction, so retried here on its own: a read, safe to repeat.
  const confirmed = await withRetry(() =>
    db
      .select({ id: tickets.id })
      .from(tickets)
      .where(
        and(
          sql`${tickets.id} = any(${uuidArray(taken)})`,
          or(eq(tickets.status, 'sold'), and(eq(tickets.status, 'reserved'), sql`${tickets.holdExpiresAt} > now()`)),
        ),
      ),
  );
  if (confirmed.length === taken.length) throw seatsTaken(taken);
  // Some locks are not backed by a hold (in flight, or orphaned): let Postgres decide.
}

async function committedHold(db: DbOrTx, reservationId: string): Promise<(Hold & { version: null; seats: null }) | null> {
  const [row] = await db.select({ expiresAt: reservations.expiresAt }).from(reservations).where(eq(reservations.id, reservationId));
  return row ? { reservationId, expiresAt: row.expiresAt, version: null, seats: null } : null;
}

type ClaimRow = {
  outcome: 'held' | 'no_event' | 'past' | 'not_on_sale' | 'unknown' | 'foreign' | 'taken' | 'companion_alone' | 'limit';
  expiresAt: string | Date | null;
  version: string | null;
  seats: number[] | null;
  ids: string[] | null;
  held: number | null;
  lockMs: number;
  execMs: number;
};

// The whole decision is the hold_seats() function (db/migrations/0011_hold_seats_function.sql,
// replaced by 0013_seat_flags.sql, which adds the companion-seat rule):
// the fan's advisory lock, the row locks in id order, the checks, the per-fan limit under the
// lock, the guarded claim, the reservation rows and the seat-version bump, in one round trip and
// one transaction (autocommit), so no lock is held while a message crosses the network. It
// returns the seats' indexes, so the diff needs no lookup after commit. Exported for
// lib/booking/hold-offer.ts: a waitlist offer claims through this same call, inside its transaction.
export async function claimInPostgres(
  db: DbOrTx,
  p: { userId: string; eventId: string; ticketIds: string[]; reservationId: string },
): Promise<Hold & { version: number | null; seats: number[] | null }> {
  // Raw SQL: a function call. The outer clock reading runs after the function has returned.
  const [row] = await db.execute<ClaimRow>(sql`
    select h.outcome, h.expires_at as "expiresAt", h.version, h.seats, h.ids, h.held, h.lock_ms as "lockMs",
           extract(epoch from clock_timestamp() - statement_timestamp()) * 1000 as "execMs"
    from hold_seats(${p.reservationId}, ${p.userId}, ${p.eventId}, ${uuidArray(p.ticketIds)}, ${holdMs() / 1000}, ${env.TICKET_LIMIT_PER_EVENT}) h`);
  if (!row) throw new Error('hold_seats returned no row');
  addSpan('db-locks', Number(row.lockMs));
  addSpan('db-exec', Number(row.execMs));
  switch (row.outcome) {
    case 'held':
      return { reservationId: p.reservationId, expiresAt: new Date(row.expiresAt!), version: Number(row.version), seats: row.seats };
    case 'no_event':
      throw new AppError('not_found', 'No such event.');
    case 'past':
      throw new AppError('not_on_sale', 'This event has already taken place.');
    case 'not_on_sale':
      throw new AppError('not_on_sale', 'Tickets for this event are not on sale yet.');
    case 'unknown':
      throw new AppError('not_found', 'Some of these tickets do not exist.', { ticketIds: row.ids ?? [] });
    case 'foreign':
      throw new AppError('validation_failed', 'Some of these tickets belong to another event.', { ticketIds: row.ids ?? [] });
    case 'taken':
      throw seatsTaken(row.ids ?? []);
    case 'companion_alone':
      throw companionAlone(row.ids ?? []);
    case 'limit': {
      const already = row.held ?? 0;
      throw new AppError(
        'ticket_limit',
        `You can have at most ${env.TICKET_LIMIT_PER_EVENT} tickets for this event; you already have ${already}.`,
        { limit: env.TICKET_LIMIT_PER_EVENT, current: already },
      );
    }
  }
}

function seatsTaken(ticketIds: string[]): AppError {
  const n = ticketIds.length;
  return new AppError(
    'seats_taken',
    n === 1 ? 'One of your seats was just taken by someone else.' : `${n} of your seats were just taken by someone else.`,
    { ticketIds },
  );
}
