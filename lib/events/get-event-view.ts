import 'server-only';
import type { DbOrTx } from '@/db';
import { AppError } from '@/lib/errors';
import { env } from '@/lib/env';
import { cachedJson } from '@/lib/kv/cache';
import type { Kv } from '@/lib/kv/types';
import { isUuid } from '@/lib/ids';
import { loadEventDetails, type EventDetails } from './event-details';
import { freshSeatVersion } from './fresh-seat-version';
import { loadEventTickets, type EventTicket } from './ticket-statuses';
import { VersionedCache } from './versioned-cache';

export type EventView = EventDetails & { tickets: EventTicket[] };

/** The kv key of an event's details; lib/catalogue drops it when it writes the event. */
export const eventDetailsKey = (eventId: string) => `event:${eventId}:details`;

export async function getEventDetails(db: DbOrTx, kv: Kv, eventId: string): Promise<EventDetails> {
  if (!isUuid(eventId)) throw new AppError('not_found', 'No such event.');
  const details = await cachedJson(kv, eventDetailsKey(eventId), env.EVENT_CACHE_SECONDS, () => loadEventDetails(db, eventId));
  if (!details) throw new AppError('not_found', 'No such event.');
  return details;
}

type Built = { view: EventView; json: string };

// A 40,000-seat view is ~1.4 MB and 40,000 rows to read; building it per request capped the origin
// at a few requests per second. Each process keeps the last build per event and serves it while
// the event's seat version is unchanged and no hold in it has lapsed since: one indexed lookup
// instead of a full read, and never a seat staler than the database (freshSeatVersion: one
// lookup serves every request that arrived while the previous one ran). An edit of the event
// bumps the version too (lib/catalogue), so the details are read from the database, not the kv
// cache, which could still hold the old ones for a moment after the edit commits.
const views = new VersionedCache<Built>(32);

async function build(db: DbOrTx, eventId: string) {
  const [details, { tickets, version, stableForMs }] = await Promise.all([loadEventDetails(db, eventId), loadEventTickets(db, eventId)]);
  if (!details) throw new AppError('not_found', 'No such event.');
  const view = { ...details, tickets };
  return { value: { view, json: JSON.stringify({ event: view }) }, version, stableForMs };
}

async function current(db: DbOrTx, eventId: string): Promise<Built> {
  if (!isUuid(eventId)) throw new AppError('not_found', 'No such event.');
  const id = eventId.toLowerCase();
  const version = await freshSeatVersion(db, id);
  if (version === null) throw new AppError('not_found', 'No such event.');
  return views.get(id, version, () => build(db, id));
}

export async function getEventView(db: DbOrTx, eventId: string): Promise<EventView> {
  return (await current(db, eventId)).view;
}

/** The body of GET /api/events/{id}, serialised once per build rather than per request. */
export async function getEventViewJson(db: DbOrTx, eventId: string): Promise<string> {
  return (await current(db, eventId)).json;
}
