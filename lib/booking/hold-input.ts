import { z } from 'zod';
import { AppError, fromZod } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { maxTicketsPerHold, reserveInputSchema } from './reserve-input';

// What each door to a hold accepts, parsed strictly: the API promises JSON numbers, so `true`,
// "0x2" and " 2 " are refused rather than coerced, unknown fields are refused, and a seat index
// must fit the database's integer column. Forms send strings; they are read as plain decimal
// digits and nothing else.

const eventId = z.string().refine(isUuid, 'eventId must be a UUID');
// tickets.seat_index is a Postgres integer; a bigger number is not a seat.
export const maxSeatIndex = 2_147_483_647;
const price = z.number().int().min(0).max(100_000_000);

const seatIndexes = z
  .array(z.number().int().min(0).max(maxSeatIndex, 'No such seat'))
  .min(1, 'Choose at least one seat')
  .max(maxTicketsPerHold, `Hold at most ${maxTicketsPerHold} seats at once`)
  .refine((s) => new Set(s).size === s.length, 'Each seat may appear only once');

const priceBand = { message: 'The lowest price must not be above the highest', path: ['maxPrice'] };
const bandOk = (v: { minPrice?: number; maxPrice?: number }) =>
  v.minPrice === undefined || v.maxPrice === undefined || v.minPrice <= v.maxPrice;

// Best available for a wheelchair user's party: how many of the `quantity` seats are wheelchair
// spaces (the rest are companion seats beside them). 0 or absent: ordinary seats.
const wheelchair = z.number().int().min(0).max(maxTicketsPerHold);
const party = { message: 'Ask for no more wheelchair spaces than seats', path: ['wheelchair'] };
const partyOk = (v: { quantity: number; wheelchair?: number }) => (v.wheelchair ?? 0) <= v.quantity;

/** A form's whole decimal number: "12", not " 12", "1e1", "0x2" or "12.0". */
const formNumber = (inner: z.ZodNumber) =>
  z
    .string()
    .regex(/^\d{1,10}$/, 'Enter a whole number')
    .transform(Number)
    .pipe(inner);
// An empty select means "no bound".
const formPrice = z.preprocess((v) => (v === '' ? undefined : v), formNumber(price).optional());

const schemas = {
  /** POST /api/reservations */
  'api-tickets': reserveInputSchema.strict(),
  /** The seat map and the seat list name seats by their index in the event's seat order. */
  seats: z.object({ eventId, seats: seatIndexes }).strict(),
  /** POST /api/events/{id}/best-available (the event id comes from the path). */
  'api-best': z
    .object({
      eventId,
      quantity: z.number().int().min(1).max(maxTicketsPerHold),
      minPrice: price.optional(),
      maxPrice: price.optional(),
      wheelchair: wheelchair.optional(),
    })
    .strict()
    .refine(bandOk, priceBand)
    .refine(partyOk, party),
  /** The best-available form. */
  'form-best': z
    .object({
      eventId,
      quantity: formNumber(z.number().int().min(1).max(maxTicketsPerHold)),
      minPrice: formPrice,
      maxPrice: formPrice,
      wheelchair: z.preprocess((v) => (v === '' ? undefined : v), formNumber(wheelchair).optional()),
    })
    .refine(bandOk, priceBand)
    .refine(partyOk, party),
};

export type HoldVia = keyof typeof schemas;

export type Selection =
  | { kind: 'tickets'; eventId: string; ticketIds: string[] }
  | { kind: 'seats'; eventId: string; seats: number[] }
  | { kind: 'best'; eventId: string; quantity: number; minPrice?: number; maxPrice?: number; wheelchair?: number };

// Ticket-id holds keep their 400; best available has always answered 422 for bad input.
const errorCode = {
  'api-tickets': 'bad_request',
  seats: 'bad_request',
  'api-best': 'validation_failed',
  'form-best': 'validation_failed',
} as const;

export function parseSelection(via: HoldVia, input: unknown): Selection {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new AppError('bad_request', 'The request body must be a JSON object.');
  }
  const parsed = schemas[via].safeParse(input);
  if (!parsed.success) throw fromZod(parsed.error, errorCode[via]);
  const data = parsed.data;
  if ('ticketIds' in data) return { kind: 'tickets', eventId: data.eventId, ticketIds: data.ticketIds };
  if ('seats' in data) return { kind: 'seats', eventId: data.eventId, seats: data.seats };
  const { quantity, minPrice, maxPrice, wheelchair: spaces } = data;
  return { kind: 'best', eventId: data.eventId, quantity, minPrice, maxPrice, wheelchair: spaces };
}
