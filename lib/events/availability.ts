import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { packStatuses } from './availability-codec';

export type Availability = { version: number; count: number; statuses: string };

/**
 * Every seat's status with the event's seat version, read in one statement so both come from the
 * same snapshot: a diff with version > `version` is then exactly a change this read has not seen.
 * A hold past its expiry reads as available before any sweeper has run (invariant 3).
 */
export async function loadAvailability(db: DbOrTx, eventId: string): Promise<Availability> {
  if (!isUuid(eventId)) throw new AppError('not_found', 'No such event.');
  const [row] = await db.execute<{ version: string; codes: string | null }>(sql`
    select e.seat_version as version,
           (select string_agg(
                     case when t.status = 'sold' then '2'
                          when t.status = 'reserved' and t.hold_expires_at > now() then '1'
                          else '0' end, '' order by t.seat_index)
            from tickets t where t.event_id = e.id) as codes
    from events e where e.id = ${eventId}`);
  if (!row) throw new AppError('not_found', 'No such event.');
  const codes = row.codes ?? '';
  return { version: Number(row.version), count: codes.length, statuses: packStatuses(codes) };
}
