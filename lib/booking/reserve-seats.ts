import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, or, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '@/db';
import { withRetry } from '@/db/errors';
import { reservations, tickets, type Ticket } from '@/db/schema';
import { uuidArray } from '@/db/sql-helpers';
import { env, holdMs } from '@/lib/env';
import { AppError, fromZod } from '@/lib/errors';
import type { Kv } from '@/lib/kv/types';
import { warnThrottled } from '@/lib/log';
import { seatsChanged } from '@/lib/realtime/seats-changed';
import { addSpan, span } from '@/lib/timing/spans';
import { ticketIdFromLockKey, ticketLockKey } from './lock-keys';
import { reserveInputSchema } from './reserve-input';
import type { Hold } from './types';

export type { Hold } from './types';
export type ReserveSeatsInput = { userId: string; eventId: string; ticketIds: string[] };

type LockedTicket = Pick<Ticket, 'id' | 'eventId' | 'status'> & { holdLive: boolean };

/**
 * Holds seats for one fan: all of them or none.
 *
 * 1. A Redis lock set (one script, all-or-nothing) sheds contention before Postgres. Redis is an
 *    accelerator: when it fails we go on with Postgres alone, and a lock that Postgres does not
 *    confirm (an orphan of a crashed request) never blocks a seat; Postgres decides.
 * 2. One transaction decides: the fan's (user, event) advisory lock serialises their own tabs so
 *    the per-fan limit cannot be raced; tickets are row-locked in id order (no deadlocks between
 *    overlapping holds), checked, and claimed by a conditional update.
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
    const { version, ...hold } = await withRetry(async (attempt) => {
      // A connection lost while COMMIT was in flight leaves it unknown whether the hold exists:
      // on a retry, look for it before claiming again (the seats would read as taken by it).
      const committed = attempt > 1 ? await committedHold(db, reservationId) : null;
      if (committed) return committed;
      const t0 = performance.now();
      let t1 = 0;
      const result = await span('db', () =>
        db.transaction((tx) => {
          addSpan('db-connect', performance.now() - t0);
          return claimInPostgres(tx, { userId: input.userId, eventId, ticketIds, reservationId }).finally(() => (t1 = performance.now()));
        }),
      );
      addSpan('db-commit', performance.now() - t1);
      return result;
    });
    // A hold found after a lost commit has no version to announce; clients see the next diff's gap.
    if (version !== null) void seatsChanged(db, { eventId, version, changes: ticketIds.map((id) => ({ id, status: 'reserved' as const })) });
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

async function committedHold(db: DbOrTx, reservationId: string): Promise<(Hold & { version: null }) | null> {
  const [row] = await db.select({ expiresAt: reservations.expiresAt }).from(reservations).where(eq(reservations.id, reservationId));
  return row ? { reservationId, expiresAt: row.expiresAt, version: null } : null;
}

async function claimInPostgres(
  tx: DbOrTx,
  p: { userId: string; eventId: string; ticketIds: string[]; reservationId: string },
): Promise<Hold & { version: number | null }> {
  const [event] = await span('db-event-lock', () => tx.execute<{ onSale: boolean; upcoming: boolean }>(sql`
    select on_sale_at <= now() as "onSale", date > now() as upcoming,
           pg_advisory_xact_lock(hashtextextended(${p.userId}::text || ${p.eventId}::text, 0))
    from events where id = ${p.eventId}`));
  if (!event) throw new AppError('not_found', 'No such event.');
  if (!event.upcoming) throw new AppError('not_on_sale', 'This event has already taken place.');
  if (!event.onSale) throw new AppError('not_on_sale', 'Tickets for this event are not on sale yet.');

  const rows = await span('db-row-locks', () => tx
    .select({ id: tickets.id, eventId: tickets.eventId, status: tickets.status, holdLive: sql<boolean>`coalesce(${tickets.holdExpiresAt} > now(), false)` })
    .from(tickets)
    .where(sql`${tickets.id} = any(${uuidArray(p.ticketIds)})`)
    .orderBy(tickets.id)
    .for('update'));
  checkTickets(rows, p.ticketIds, p.eventId);

  const [held] = await span('db-limit', () => tx.execute<{ n: number }>(sql`
    select count(*)::int as n
    from reservation_tickets rt join reservations r on r.id = rt.reservation_id
    where r.user_id = ${p.userId} and r.event_id = ${p.eventId}
      and ((r.status = 'active' and r.expires_at > now()) or r.status = 'converted')`));
  const already = held?.n ?? 0;
  if (already + p.ticketIds.length > env.TICKET_LIMIT_PER_EVENT) {
    throw new AppError(
      'ticket_limit',
      `You can have at most ${env.TICKET_LIMIT_PER_EVENT} tickets for this event; you already have ${already}.`,
      { limit: env.TICKET_LIMIT_PER_EVENT, current: already },
    );
  }

  // Claim, record the hold and its tickets in one statement. The status guard repeats the check
  // above so that even without the row locks no live hold or sale could be overwritten.
  // Raw SQL: one guarded statement (a round trip per step would hold the row locks longer).
  const [claim] = await span('db-claim', () => tx.execute<{ expiresAt: string; claimed: number; version: string }>(sql`
    with r as (
      insert into reservations (id, user_id, event_id, status, expires_at)
      values (${p.reservationId}, ${p.userId}, ${p.eventId}, 'active', now() + make_interval(secs => ${holdMs() / 1000}))
      returning id, expires_at
    ), t as (
      update tickets set status = 'reserved', hold_id = ${p.reservationId}, hold_expires_at = (select expires_at from r)
      where id = any(${uuidArray(p.ticketIds)}) and event_id = ${p.eventId}
        and (status = 'available' or (status = 'reserved' and hold_expires_at <= now()))
      returning id
    ), rt as (
      insert into reservation_tickets (reservation_id, ticket_id) select ${p.reservationId}, id from t
    ), v as (
      -- Last, so the event row (every hold of the event serialises here) is locked only until commit.
      update events set seat_version = seat_version + 1 where id = ${p.eventId} returning seat_version
    )
    select (select expires_at from r) as "expiresAt", (select count(*) from t)::int as claimed,
           (select seat_version from v) as version`));
  if (!claim || claim.claimed !== p.ticketIds.length) throw seatsTaken(p.ticketIds);
  return { reservationId: p.reservationId, expiresAt: new Date(claim.expiresAt), version: Number(claim.version) };
}

function checkTickets(rows: LockedTicket[], ticketIds: string[], eventId: string): void {
  const found = new Set(rows.map((r) => r.id));
  const unknown = ticketIds.filter((id) => !found.has(id));
  if (unknown.length) throw new AppError('not_found', 'Some of these tickets do not exist.', { ticketIds: unknown });
  const foreign = rows.filter((r) => r.eventId !== eventId).map((r) => r.id);
  if (foreign.length) {
    throw new AppError('validation_failed', 'Some of these tickets belong to another event.', { ticketIds: foreign });
  }
  const taken = rows.filter((r) => r.status === 'sold' || (r.status === 'reserved' && r.holdLive)).map((r) => r.id);
  if (taken.length) throw seatsTaken(taken);
}

function seatsTaken(ticketIds: string[]): AppError {
  const n = ticketIds.length;
  return new AppError(
    'seats_taken',
    n === 1 ? 'One of your seats was just taken by someone else.' : `${n} of your seats were just taken by someone else.`,
    { ticketIds },
  );
}
