import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '@/db';
import { tickets } from '@/db/schema';
import { seatsInOrder } from '@/lib/catalogue/seat-order';
import { AppError, fromZod } from '@/lib/errors';
import { getEventDetails } from '@/lib/events/get-event-view';
import { isUuid } from '@/lib/ids';
import type { Kv } from '@/lib/kv/types';
import type { SeatMap } from '@/lib/venues/seat-map';
import { findBestSeats, type CandidateSeat } from './find-best-seats';
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

/**
 * Holds the best `quantity` adjacent seats in one row (see findBestSeats) through the same
 * reserveSeats call a hand-picked hold uses, so every invariant of a hold applies unchanged.
 */
export async function reserveBestAvailable(db: Database, kv: Kv, input: BestAvailableInput): Promise<Hold & { ticketIds: string[] }> {
  const parsed = bestAvailableSchema.safeParse(input);
  if (!parsed.success) throw fromZod(parsed.error, 'validation_failed');
  const { eventId, quantity, minPrice, maxPrice } = parsed.data;
  const details = await getEventDetails(db, kv, eventId.toLowerCase());

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
async function candidateRows(db: Database, eventId: string, map: SeatMap): Promise<CandidateSeat[][]> {
  const statuses = await db
    .select({
      id: tickets.id,
      price: tickets.priceMinor,
      available: sql<boolean>`(${tickets.status} = 'available' or (${tickets.status} = 'reserved' and ${tickets.holdExpiresAt} <= now()))`,
    })
    .from(tickets)
    .where(eq(tickets.eventId, eventId))
    .orderBy(asc(tickets.seatIndex));
  const rows: CandidateSeat[][] = [];
  let current: CandidateSeat[] = [];
  let rowKey = '';
  for (const { index, sectionIndex, rowIndex, seat } of seatsInOrder(map)) {
    const key = `${sectionIndex}:${rowIndex}`;
    if (key !== rowKey) {
      if (current.length) rows.push(current);
      current = [];
      rowKey = key;
    }
    const ticket = statuses[index];
    if (ticket) current.push({ id: ticket.id, x: seat.x, y: seat.y, price: ticket.price, available: ticket.available });
  }
  if (current.length) rows.push(current);
  return rows;
}
