import 'server-only';
import { db } from '@/db';
import { AppError } from '@/lib/errors';
import { env } from '@/lib/env';
import { getKv } from '@/lib/kv';
import { cachedJson } from '@/lib/kv/cache';
import { isUuid } from '@/lib/ids';
import { loadEventDetails, type EventDetails } from './event-details';
import { freshSeatVersion } from './fresh-seat-version';
import { loadEventTickets, type EventTicket } from './ticket-statuses';
import { VersionedCache } from './versioned-cache';

export type EventView = EventDetails & { tickets: EventTicket[] };

export const eventDetailsKey = (eventId: string) => `event:${eventId}:details`;

export async function getEventDetails(eventId: string): Promise<EventDetails> {
  if (!isUuid(eventId)) throw new AppError('not_found', 'No such event.');
  const details = await cachedJson(getKv(), eventDetailsKey(eventId), env.EVENT_CACHE_SECONDS, () =>
    loadEventDetails(db, eventId),
  );
  if (!details) throw new AppError('not_found', 'No such event.');
  return details;
}

// A 40,000-seat view is ~1.4 MB and 40,000 rows to read; building it per request capped the origin
// at a few requests per second. Each process keeps the last build per event and serves it while
// the event's seat version is unchanged and no hold in it has lapsed since: one indexed lookup
// instead of a full read, and never a seat staler than the database.
const views = new VersionedCache<string>(32);

async function build(eventId: string) {
  const [details, { tickets, version, stableForMs }] = await Promise.all([
    getEventDetails(eventId),
    loadEventTickets(db, eventId),
  ]);
  const view: EventView = { ...details, tickets };
  return { value: JSON.stringify({ event: view }), version, stableForMs };
}

/** The body of GET /api/events/{id}, serialised once per build rather than per request. */
export async function getEventViewJson(eventId: string): Promise<string> {
  if (!isUuid(eventId)) throw new AppError('not_found', 'No such event.');
  const version = await freshSeatVersion(db, eventId.toLowerCase());
  if (version === null) throw new AppError('not_found', 'No such event.');
  return views.get(eventId, version, () => build(eventId));
}
