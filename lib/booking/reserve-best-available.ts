import 'server-only';
import { z } from 'zod';
import type { Database } from '@/db';
import { AppError, fromZod } from '@/lib/errors';
import { unpackStatuses } from '@/lib/events/availability-codec';
import { currentAvailability } from '@/lib/events/availability';
import { seatRows } from '@/lib/events/seat-rows';
import { isUuid } from '@/lib/ids';
import type { Kv } from '@/lib/kv/types';
import { span } from '@/lib/timing/spans';
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
  })
  .refine((v) => v.minPrice === undefined || v.maxPrice === undefined || v.minPrice <= v.maxPrice, {
    message: 'The lowest price must not be above the highest',
    path: ['maxPrice'],
  });

export type BestAvailableInput = z.input<typeof bestAvailableSchema> & { userId: string };

// Another fan may take the chosen seats between our read and our claim; each retry reads afresh.
const attempts = 3;

// Seats that a call in this process has picked and not yet let go, per event: concurrent calls
// read the same availability, and without this they would all pick the same best seats and all
// but one would lose the race. Dropped when the call ends; the next availability read (never
// older than the claim's commit) shows a won hold as held.
const picked = new Map<string, Set<string>>();

/**
 * Holds the best `quantity` adjacent seats in one row (see findBestSeats) through the same
 * reserveSeats call a hand-picked hold uses, so every invariant of a hold applies unchanged.
 * The pick reads the versioned availability (shared with the seat map's read, one indexed version
 * lookup when nothing changed) and the event's seat rows, built once per process; the claim
 * decides.
 */
export async function reserveBestAvailable(db: Database, kv: Kv, input: BestAvailableInput): Promise<Hold & { ticketIds: string[] }> {
  const parsed = bestAvailableSchema.safeParse(input);
  if (!parsed.success) throw fromZod(parsed.error, 'validation_failed');
  const { quantity, minPrice, maxPrice } = parsed.data;
  const eventId = parsed.data.eventId.toLowerCase();
  const lost = new Set<string>();

  for (let attempt = 1; ; attempt++) {
    const availability = await span('availability', () => currentAvailability(db, eventId));
    const layout = await span('seat-rows', () => seatRows(db, kv, eventId, availability.count));
    const statuses = unpackStatuses(availability.statuses, availability.count);
    // From here to the claim's first await nothing else runs: the pick and its mark are one step.
    const inUse = picked.get(eventId) ?? new Set<string>();
    picked.set(eventId, inUse);
    const rows = layout.rows.map((row) =>
      row.map((s) => ({ id: s.id, x: s.x, y: s.y, price: s.price, available: statuses[s.index] === 0 && !inUse.has(s.id) && !lost.has(s.id) })),
    );
    const [best] = findBestSeats(rows, layout.focal, { quantity, minPrice, maxPrice, limit: 1 });
    if (!best) {
      throw new AppError('conflict', `There are no ${quantity} seats together${minPrice !== undefined || maxPrice !== undefined ? ' in that price range' : ''} right now.`);
    }
    for (const id of best) inUse.add(id);
    try {
      const hold = await reserveSeats(db, kv, { userId: input.userId, eventId, ticketIds: best });
      return { ...hold, ticketIds: best };
    } catch (error) {
      for (const id of best) lost.add(id);
      if (!(error instanceof AppError && error.code === 'seats_taken') || attempt >= attempts) throw error;
    } finally {
      for (const id of best) inUse.delete(id);
      if (inUse.size === 0 && picked.get(eventId) === inUse) picked.delete(eventId);
    }
  }
}
