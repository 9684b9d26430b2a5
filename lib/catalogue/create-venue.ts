import 'server-only';
import type { DbOrTx } from '@/db';
import { venues } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { seatCount } from '@/lib/venues/seat-map';
import { seatMapProblems } from './check-seat-map';
import type { NewVenue } from './types';

/**
 * A venue and its seat map. Nothing reads a venue that has no events, so there is no cache or
 * search document to update until an event is put on there.
 */
export async function createVenue(db: DbOrTx, input: NewVenue): Promise<{ id: string; capacity: number }> {
  const problems = seatMapProblems(input.seatMap);
  if (problems.length)
    throw new AppError('validation_failed', `The seat map of ${input.name} is not usable: ${problems.join('; ')}.`, { problems });
  const capacity = seatCount(input.seatMap);
  const [venue] = await db
    .insert(venues)
    .values({ ...input, capacity })
    .returning({ id: venues.id });
  return { id: venue!.id, capacity };
}
