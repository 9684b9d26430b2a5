import 'server-only';
import { z } from 'zod';
import type { Database } from '@/db';
import { AppError, fromZod } from '@/lib/errors';
import { currentAvailability } from '@/lib/events/availability';
import { seatRows, type RowSeat, type SeatRows } from '@/lib/events/seat-rows';
import { isUuid } from '@/lib/ids';
import type { Kv } from '@/lib/kv/types';
import { span } from '@/lib/timing/spans';
import { flagBit } from '@/lib/venues/seat-flags';
import { findAccessibleSeats } from './find-accessible-seats';
import { findBestSeats } from './find-best-seats';
import { maxTicketsPerHold } from './reserve-input';
import { reserveSeats } from './reserve-seats';
import type { Hold } from './types';

// Minor units. An empty form field means no bound (z.coerce would read it as 0).
const price = z.preprocess((v) => (v === '' || v === null ? undefined : v), z.coerce.number().int().min(0).optional());
export const bestAvailableSchema = z
  .object({
    eventId: z.string().refine(isUuid, 'eventId must be a UUID'),
    quantity: z.coerce.number().int().min(1).max(maxTicketsPerHold),
    minPrice: price,
    maxPrice: price,
    // How many of the seats are wheelchair spaces; the rest sit beside them (lib/booking/find-accessible-seats.ts).
    wheelchair: z.coerce.number().int().min(0).max(maxTicketsPerHold).optional(),
  })
  .refine((v) => v.minPrice === undefined || v.maxPrice === undefined || v.minPrice <= v.maxPrice, {
    message: 'The lowest price must not be above the highest',
    path: ['maxPrice'],
  })
  .refine((v) => (v.wheelchair ?? 0) <= v.quantity, { message: 'Ask for no more wheelchair spaces than seats', path: ['wheelchair'] });

export type BestAvailableInput = z.input<typeof bestAvailableSchema> & { userId: string };

// Another fan may take the chosen seats between our read and our claim; each retry reads afresh.
const attempts = 3;
// The first attempt may pick from an availability read this recent without a version lookup (or
// up to three times as old while a newer one is read, lib/events/availability.ts); this process's
// own holds since the read are laid over it (heldForgetMs is longer).
const recentMs = 1_000;

// Seats this process has picked and not yet let go (in flight), and seats it has held, with when
// the hold committed, per event. Concurrent calls read the same availability; without these they
// would all pick the same best seats and all but one would lose the race. A held seat is skipped
// while the read picked from started before its hold committed.
const inFlight = new Map<string, Set<string>>();
const heldHere = new Map<string, Map<string, number>>();
const heldForgetMs = 10_000;

function held(eventId: string): Map<string, number> {
  let seats = heldHere.get(eventId);
  if (!seats) heldHere.set(eventId, (seats = new Map()));
  // Insertion order is commit order: forget from the front.
  for (const [id, at] of seats) {
    if (at > Date.now() - heldForgetMs) break;
    seats.delete(id);
  }
  return seats;
}

type PickOptions = { quantity: number; minPrice?: number; maxPrice?: number; wheelchair: number; isAvailable: (s: RowSeat) => boolean };

// Wheelchair spaces and companion seats go to a party that asks for them, never to anyone else:
// a companion seat alone would be refused by hold_seats(), and a wheelchair space is kept for
// the fans who need one.
const accessibleBits = flagBit.wheelchair | flagBit.companion;

function pick(layout: SeatRows, o: PickOptions): string[] | undefined {
  const { quantity, minPrice, maxPrice, wheelchair, isAvailable } = o;
  if (wheelchair > 0) {
    const companions = quantity - wheelchair;
    return findAccessibleSeats(layout.rows, layout.focal, { wheelchair, companions, minPrice, maxPrice, isAvailable }) ?? undefined;
  }
  const ordinary = (s: RowSeat) => isAvailable(s) && (s.flags & accessibleBits) === 0;
  return findBestSeats(layout.rows, layout.focal, { quantity, minPrice, maxPrice, limit: 1, isAvailable: ordinary })[0];
}

function partyText(quantity: number, wheelchair: number): string {
  if (wheelchair === 0) return `${quantity} seats`;
  const spaces = `${wheelchair} wheelchair space${wheelchair === 1 ? '' : 's'}`;
  const companions = quantity - wheelchair;
  return companions === 0 ? spaces : `${spaces} with ${companions} companion seat${companions === 1 ? '' : 's'}`;
}

/**
 * Holds the best `quantity` adjacent seats in one row (see findBestSeats) through the same
 * reserveSeats call a hand-picked hold uses, so every invariant of a hold applies unchanged.
 * The pick reads a recent availability build (shared with the seat maps; retries read a fresh
 * one) and the event's seat rows, built once per process; the claim decides.
 */
export async function reserveBestAvailable(db: Database, kv: Kv, input: BestAvailableInput): Promise<Hold & { ticketIds: string[] }> {
  const parsed = bestAvailableSchema.safeParse(input);
  if (!parsed.success) throw fromZod(parsed.error, 'validation_failed');
  const { quantity, minPrice, maxPrice, wheelchair = 0 } = parsed.data;
  const eventId = parsed.data.eventId.toLowerCase();
  const lost = new Set<string>();

  for (let attempt = 1; ; attempt++) {
    const availability = await span('availability', () => currentAvailability(db, eventId, attempt === 1 ? recentMs : undefined));
    const layout = await span('seat-rows', () => seatRows(db, kv, eventId, availability.count));
    // From here to the claim's first await nothing else runs: the pick and its mark are one step.
    const picking = inFlight.get(eventId) ?? new Set<string>();
    inFlight.set(eventId, picking);
    const heldSeats = held(eventId);
    // One code per seat with this process's own knowledge laid over the read (0: free).
    const codes = availability.codes.slice();
    const block = (id: string) => {
      const index = layout.indexOf.get(id);
      if (index !== undefined) codes[index] = 1;
    };
    picking.forEach(block);
    lost.forEach(block);
    for (const [id, at] of heldSeats) if (at >= availability.startedAt) block(id);
    const isAvailable = (s: RowSeat) => codes[s.index] === 0;
    const best = pick(layout, { quantity, minPrice, maxPrice, wheelchair, isAvailable });
    if (!best) {
      if (picking.size === 0) inFlight.delete(eventId);
      const band = minPrice !== undefined || maxPrice !== undefined ? ' in that price range' : '';
      throw new AppError('conflict', `There are no ${partyText(quantity, wheelchair)} together${band} right now.`);
    }
    for (const id of best) picking.add(id);
    try {
      const hold = await reserveSeats(db, kv, { userId: input.userId, eventId, ticketIds: best });
      const now = Date.now();
      for (const id of best) {
        heldSeats.delete(id); // re-inserted at the end: the map stays in commit order
        heldSeats.set(id, now);
      }
      return { ...hold, ticketIds: best };
    } catch (error) {
      for (const id of best) lost.add(id);
      if (!(error instanceof AppError && error.code === 'seats_taken') || attempt >= attempts) throw error;
    } finally {
      for (const id of best) picking.delete(id);
      if (picking.size === 0 && inFlight.get(eventId) === picking) inFlight.delete(eventId);
    }
  }
}
