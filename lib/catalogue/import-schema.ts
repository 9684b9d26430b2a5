import { z } from 'zod';
import { queueMode } from '@/db/schema';
import { isTimeZone } from '@/lib/local-time';
import { seatFlags } from '@/lib/venues/seat-map';
import { seatMapProblems } from './check-seat-map';

// The shape of a file for `npm run catalogue:import` (documented in the README, example in
// db/examples/catalogue.json). Every message names what to write instead.

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const timeZone = z.string().refine(isTimeZone, 'must be an IANA time zone such as "Europe/Lisbon" or "America/New_York"');
const venueKind = z.enum(['theatre', 'arena', 'stadium'], { error: 'must be "theatre", "arena" or "stadium"' });
const coordinate = z.number().finite();
const point = z.tuple([coordinate, coordinate]);

// "2027-05-01T20:00" is read in the venue's time zone; with "Z" or an offset it is an instant.
export const wallOrInstant = z
  .string()
  .regex(
    /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::00)?(Z|[+-]\d{2}:\d{2})?$/,
    'must be a date and time such as "2027-05-01T20:00" (the venue\'s local time) or "2027-05-01T19:00Z"',
  );

const seatMapSchema = z
  .object({
    width: z.number().positive(),
    height: z.number().positive(),
    stage: z.object({ label: text(100), outline: z.array(point).min(3) }),
    focal: z.object({ x: coordinate, y: coordinate }),
    tiers: z.array(z.object({ id: text(50), name: text(100) })).min(1, 'must list at least one price tier'),
    sections: z
      .array(
        z.object({
          id: text(50),
          name: text(100),
          tier: text(50),
          outline: z.array(point).min(3),
          rows: z
            .array(
              z.object({
                label: text(20),
                seats: z
                  .array(
                    z.object({
                      number: z.number().int().positive(),
                      x: coordinate,
                      y: coordinate,
                      flags: z
                        .array(z.enum(seatFlags, { error: `a seat flag is one of ${seatFlags.map((f) => `"${f}"`).join(', ')}` }))
                        .max(seatFlags.length)
                        .refine((f) => new Set(f).size === f.length, 'each flag at most once')
                        .optional(),
                    }),
                  )
                  .min(1),
              }),
            )
            .min(1),
        }),
      )
      .min(1),
  })
  .superRefine((map, ctx) => {
    for (const problem of seatMapProblems(map)) ctx.addIssue({ code: 'custom', message: problem });
  });

export const venueSchema = z
  .object({
    name: text(200),
    city: text(100),
    address: text(300),
    timezone: timeZone,
    kind: venueKind,
    /** Without one, a plausible map of the venue's kind is generated, the same for the same name. */
    seatMap: seatMapSchema.optional(),
  })
  .strict();

/**
 * A name, or an object: chosen by the value's type, so a mistake inside the object is reported
 * as itself ("timezone must be ...") rather than as "matches neither".
 */
function nameOr<T extends z.ZodType>(object: T, what: string) {
  return z.unknown().transform((value, ctx): string | z.output<T> => {
    const schema =
      typeof value === 'string' ? text(200) : value !== null && typeof value === 'object' && !Array.isArray(value) ? object : null;
    if (!schema) {
      ctx.addIssue({ code: 'custom', message: `must be ${what}` });
      return z.NEVER;
    }
    const result = schema.safeParse(value);
    if (result.success) return result.data as string | z.output<T>;
    for (const issue of result.error.issues) ctx.addIssue({ ...issue, path: issue.path } as Parameters<typeof ctx.addIssue>[0]);
    return z.NEVER;
  });
}

const performerSchema = nameOr(z.object({ name: text(200), genre: text(50) }).strict(), 'a name, or { "name": ..., "genre": ... }');

const queueSchema = z
  .object({
    mode: z.enum(queueMode.enumValues, { error: 'must be "off", "on" or "auto"' }),
    outflowPerMinute: z.number().int().min(1).max(100_000).default(600),
    admissionWindowSeconds: z.number().int().min(60).max(7_200).default(600),
    autoThresholdPerMinute: z.number().int().min(1).max(1_000_000).default(3_000),
  })
  .strict();

export const eventSchema = z
  .object({
    externalId: text(200),
    name: text(200),
    description: z.string().max(5_000).optional(),
    category: text(50).transform((c) => c.toLowerCase()),
    performer: performerSchema,
    venue: nameOr(venueSchema, 'the name of a venue, or a venue object'),
    date: wallOrInstant,
    /** Optional: the venue's zone, stated to be sure; it must match the venue's. */
    timezone: timeZone.optional(),
    onSale: wallOrInstant,
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as "EUR"'),
    /** Each price tier of the venue's map to its all-in price in minor units (4500 = 45.00). */
    prices: z.record(text(50), z.number().int('must be a whole number of minor units (4500 for 45.00)').min(0).max(100_000_000)),
    queue: queueSchema.optional(),
  })
  .strict();

export const catalogueFileSchema = z
  .object({
    venues: z.array(venueSchema).max(1_000).optional(),
    events: z.array(eventSchema).min(1, 'must list at least one event').max(5_000),
  })
  .strict();

export type CatalogueFile = z.output<typeof catalogueFileSchema>;
export type ImportVenue = z.output<typeof venueSchema>;
export type ImportEvent = z.output<typeof eventSchema>;
