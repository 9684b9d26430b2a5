import 'server-only';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '@/db';
import { waitlistEntries } from '@/db/schema';
import { holdOffer } from '@/lib/booking/hold-offer';
import { AppError } from '@/lib/errors';
import { seatsChanged } from '@/lib/realtime/seats-changed';
import { notifyOffer, type Offer } from './notify-offer';
import { pickOfferSeats, type FreeSeat } from './pick-offer-seats';
import { settleOffers } from './settle-offers';

// How far down the line one pass looks for a fan whose quantity and price fit.
const lineDepth = 1_000;
// A fan who left between our read and our write: the savepoint is rolled back, next fan.
class EntryGone extends Error {}

/**
 * Offers an event's free seats to its waitlist, first come first served: the first fan still
 * waiting (in order of joining) whose quantity, price and section fit gets an exclusive hold of
 * them for the offer window, then the next, until nothing more fits.
 *
 * Runs after every seat change that frees seats (lib/realtime/seats-changed.ts), from any number
 * of requests and instances at once. Each offer is one transaction that first takes the event's
 * waitlist advisory lock, so passes for one event run one at a time and the line's order holds;
 * the hold itself goes through lib/booking's claim (row locks, guarded update, per-fan limit), so
 * a seat cannot be offered twice or taken from a live hold. One offer per transaction keeps lock
 * order the same as a fan's own hold (fan, tickets, event row): no deadlock with reserveSeats.
 */
export async function offerFreedSeats(db: Database, eventId: string, maxOffers = 100): Promise<Offer[]> {
  const made: Offer[] = [];
  // Most seat changes are at events nobody waits for: one indexed read, no lock.
  const [anyone] = await db
    .select({ id: waitlistEntries.id })
    .from(waitlistEntries)
    .where(and(eq(waitlistEntries.eventId, eventId), inArray(waitlistEntries.status, ['waiting', 'offered'])))
    .limit(1);
  if (!anyone) return made;
  for (let i = 0; i < maxOffers; i++) {
    const result = await db.transaction((tx) => offerOnce(tx, eventId));
    if (result === 'again') continue;
    if (!result) break;
    made.push(result.offer);
    // After commit, like every seat change: the maps, then the fan.
    await seatsChanged(db, {
      eventId,
      version: result.version,
      changes: result.ticketIds.map((id) => ({ id, status: 'reserved' as const })),
    });
    await notifyOffer(db, result.offer);
  }
  return made;
}

type Made = { offer: Offer; version: number; ticketIds: string[] };

async function offerOnce(tx: DbOrTx, eventId: string): Promise<Made | 'again' | null> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('waitlist:' || ${eventId}::text, 0))`);
  await settleOffers(tx, { eventId });
  const line = await tx
    .select({
      id: waitlistEntries.id,
      userId: waitlistEntries.userId,
      quantity: waitlistEntries.quantity,
      maxPriceMinor: waitlistEntries.maxPriceMinor,
      section: waitlistEntries.section,
    })
    .from(waitlistEntries)
    .where(and(eq(waitlistEntries.eventId, eventId), eq(waitlistEntries.status, 'waiting')))
    .orderBy(asc(waitlistEntries.position))
    .limit(lineDepth);
  if (line.length === 0) return null;
  // Free now, in seat order: available, or held by a hold that has lapsed (sweeper not yet run).
  // Never a wheelchair space or a companion seat: those go to fans who ask for them, and a
  // companion seat alone cannot be held (hold_seats()).
  const free = await tx.execute<FreeSeat>(sql`
    select id, section, row, number, price_minor as "priceMinor" from tickets
    where event_id = ${eventId} and (status = 'available' or (status = 'reserved' and hold_expires_at <= now()))
      and not (seat_flags && array['wheelchair', 'companion'])
    order by seat_index`);
  if (free.length === 0) return null;

  for (const entry of line) {
    const ticketIds = pickOfferSeats(free, entry);
    if (!ticketIds) continue;
    try {
      return await tx.transaction(async (sp) => {
        const hold = await holdOffer(sp, { userId: entry.userId, eventId, ticketIds });
        // Guarded: a fan who left the line since we read it gets nothing (and the claim rolls back).
        const marked = await sp
          .update(waitlistEntries)
          .set({ status: 'offered', offerReservationId: hold.reservationId, offeredAt: sql`now()` })
          .where(and(eq(waitlistEntries.id, entry.id), eq(waitlistEntries.status, 'waiting')))
          .returning({ id: waitlistEntries.id });
        if (marked.length === 0) throw new EntryGone();
        return {
          offer: { userId: entry.userId, eventId, reservationId: hold.reservationId, expiresAt: hold.expiresAt },
          version: hold.version,
          ticketIds,
        };
      });
    } catch (error) {
      if (error instanceof EntryGone) continue;
      // Over the per-fan limit (they hold or bought seats since joining): this fan waits on, the
      // next one may fit.
      if (error instanceof AppError && error.code === 'ticket_limit') continue;
      // A fan's own hold took a seat since we read the free ones: read them again.
      if (error instanceof AppError && error.code === 'seats_taken') return 'again';
      // The event is over or not on sale: nobody can be offered anything.
      if (error instanceof AppError && error.code === 'not_on_sale') return null;
      throw error;
    }
  }
  return null;
}
