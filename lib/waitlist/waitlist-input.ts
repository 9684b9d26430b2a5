import { z } from 'zod';
import { env } from '@/lib/env';
import { AppError, fromZod } from '@/lib/errors';

// POST /api/events/{id}/waitlist, parsed strictly like every hold door (lib/booking/hold-input.ts):
// JSON numbers only (no "2" or true), unknown fields refused. Prices are in minor units, as
// best available's price band is.
const schema = z
  .object({
    quantity: z.number().int().min(1).max(env.TICKET_LIMIT_PER_EVENT, `At most ${env.TICKET_LIMIT_PER_EVENT} tickets per fan`),
    maxPrice: z.number().int().min(0).max(100_000_000),
    section: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[\w .'-]+$/, "A section id has letters, digits, spaces and . ' - only")
      .optional(),
  })
  .strict();

export type JoinWaitlistInput = z.infer<typeof schema>;

export function parseJoinWaitlist(body: unknown): JoinWaitlistInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError('bad_request', 'The request body must be a JSON object.');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw fromZod(parsed.error, 'validation_failed');
  return parsed.data;
}
