import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '@/db';
import { AppError, fromZod } from '@/lib/errors';
import { getEventDetails } from '@/lib/events/get-event-view';
import { isUuid } from '@/lib/ids';
import type { Kv } from '@/lib/kv/types';
import { findBestSeats, type CandidateSeat } from './find-best-seats';
import { maxTicketsPerHold } from './reserve-input';
import { reserveSeats, type Hold } from './reserve-seats';

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

/**
 * Holds the best `quantity` adjacent seats in one row (see findBestSeats) through the same
 * reserveSeats call a hand-picked hold uses, so every invariant of a hold applies unchanged.
 */
export async function reserveBestAvailable(db: Database, kv: Kv, input: BestAvailableInput): Promise<Hold & { ticketIds: string[] }> {
  const parsed = bestAvailableSchema.safeParse(input);
  if (!parsed.success) throw fromZod(parsed.error, 'validation_failed');
  const { eventId, quantity, minPrice, maxPrice } = parsed.data;
  const details = await getEventDetails(eventId.toLowerCase());

  for (let attempt = 1; ; attempt++) {
    const rows = await candidateRows(db, details.id, details.venue.seatMap);
    const [best] = findBestSeats(rows, details.venue.seatMap.focal, { quantity, minPrice, maxPrice, limit: 1 });
    if (!best) {
      throw new AppError('conflict', `There are no ${quantity} seats together${minPrice !== undefined || maxPrice !== undefined ? ' in that price range' : ''} right now.`);
    }
    try {
      const hold = await reserveSeats(db, kv, { userId: input.userId, eventId: details.id, ticketIds: best });
      return { ...hold, ticketIds: best };
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'seats_taken') || attempt >= attempts) throw error;
    }
  }
}

// Seats in the venue's fixed order line up with tickets.seat_index.
async function candidateRows(db: Database, eventId: string, map: Awaited<ReturnType<typeof getEventDetails>>['venue']['seatMap']) {
  const tickets = await db.execute<{ id: string; price: number; available: boolean }>(sql`
    select id, price_minor as price,
           (status = 'available' or (status = 'reserved' and hold_expires_at <= now())) as available
    from tickets where event_id = ${eventId} order by seat_index`);
  const rows: CandidateSeat[][] = [];
  let index = 0;
  for (const section of map.sections) {
    for (const row of section.rows) {
      const seats: CandidateSeat[] = [];
      for (const seat of row.seats) {
        const ticket = tickets[index++];
        if (ticket) seats.push({ id: ticket.id, x: seat.x, y: seat.y, price: ticket.price, available: ticket.available });
      }
      rows.push(seats);
    }
  }
  return rows;
}
