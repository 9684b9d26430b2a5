import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { packStatuses, unpackStatuses } from './availability-codec';
import { freshSeatVersion } from './fresh-seat-version';
import { VersionedCache } from './versioned-cache';

export type Availability = { version: number; count: number; statuses: string };

/**
 * Every seat's status with the event's seat version, read in one statement so both come from the
 * same snapshot: a diff with version > `version` is then exactly a change this read has not seen.
 * A hold past its expiry reads as available before any sweeper has run (invariant 3).
 */
export async function loadAvailability(db: DbOrTx, eventId: string): Promise<Availability & { stableForMs: number }> {
  if (!isUuid(eventId)) throw new AppError('not_found', 'No such event.');
  // Raw SQL: one statement, so the statuses and the version come from the same snapshot.
  const [row] = await db.execute<{ version: string; codes: string | null; lapseMs: number | null }>(sql`
    select e.seat_version as version,
           (select string_agg(
                     case when t.status = 'sold' then '2'
                          when t.status = 'reserved' and t.hold_expires_at > now() then '1'
                          else '0' end, '' order by t.seat_index)
            from tickets t where t.event_id = e.id) as codes,
           (select extract(epoch from min(t.hold_expires_at) - now()) * 1000
            from tickets t where t.event_id = e.id and t.status = 'reserved' and t.hold_expires_at > now()) as "lapseMs"
    from events e where e.id = ${eventId}`);
  if (!row) throw new AppError('not_found', 'No such event.');
  const codes = row.codes ?? '';
  return {
    version: Number(row.version),
    count: codes.length,
    statuses: packStatuses(codes),
    stableForMs: row.lapseMs == null ? Number.POSITIVE_INFINITY : Math.max(0, Number(row.lapseMs)),
  };
}

// Reading 40,000 statuses per request capped this endpoint far below the framework's floor. As
// for the event view, each process reuses its last read while the seat version is unchanged and
// no hold has lapsed, so the answer is never staler than the database (and the version lookups
// of concurrent requests are coalesced without giving that up: fresh-seat-version.ts).
/** A build of the availability: also as one code per seat (0 available, 1 held, 2 sold), and
 * when its read started (every commit before that moment is in it). */
export type AvailabilityBuild = Availability & { json: string; codes: Uint8Array; startedAt: number };

const cache = new VersionedCache<AvailabilityBuild>(64);

async function current(db: DbOrTx, eventId: string): Promise<AvailabilityBuild> {
  if (!isUuid(eventId)) throw new AppError('not_found', 'No such event.');
  const id = eventId.toLowerCase();
  const version = await freshSeatVersion(db, id);
  if (version === null) throw new AppError('not_found', 'No such event.');
  return cache.get(id, version, async () => {
    const startedAt = Date.now();
    const { stableForMs, ...availability } = await loadAvailability(db, id);
    const codes = unpackStatuses(availability.statuses, availability.count);
    return { value: { ...availability, json: JSON.stringify(availability), codes, startedAt }, version: availability.version, stableForMs };
  });
}

/** The JSON body of GET /api/events/{id}/availability. */
export async function availabilityJson(db: DbOrTx, eventId: string): Promise<string> {
  return (await current(db, eventId)).json;
}

/**
 * The same read for best available (lib/booking/reserve-best-available.ts), which only picks from
 * it; the claim decides. With `maxAgeMs`, a build whose read started at most that long ago is
 * good enough without a version lookup (in an on-sale the version moves with every hold, and a
 * stadium's build reads 40,000 rows); one up to three times as old is used too while a newer one
 * is read in the background, so no request waits for the read (it made a tenth of best-available
 * requests wait ~100 ms in the on-sale bench). Without `maxAgeMs`, never older than the database
 * was when called.
 */
export async function currentAvailability(db: DbOrTx, eventId: string, maxAgeMs?: number): Promise<AvailabilityBuild> {
  if (maxAgeMs !== undefined && isUuid(eventId)) {
    const id = eventId.toLowerCase();
    const recent = cache.peek(id);
    const age = recent ? Date.now() - recent.startedAt : Infinity;
    if (recent && age <= maxAgeMs) return recent;
    if (recent && age <= maxAgeMs * 3) {
      refreshInBackground(db, id);
      return recent;
    }
  }
  return current(db, eventId);
}

const refreshing = new Set<string>();

function refreshInBackground(db: DbOrTx, eventId: string): void {
  if (refreshing.has(eventId)) return;
  refreshing.add(eventId);
  // A failed read is only a missed refresh: the next request tries again, or reads in line.
  void current(db, eventId)
    .catch(() => {})
    .finally(() => refreshing.delete(eventId));
}
