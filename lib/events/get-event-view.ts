import 'server-only';
import { db } from '@/db';
import { AppError } from '@/lib/errors';
import { env } from '@/lib/env';
import { getKv } from '@/lib/kv';
import { cachedJson } from '@/lib/kv/cache';
import { isUuid } from '@/lib/ids';
import { loadEventDetails, type EventDetails } from './event-details';
import { loadEventTickets, type EventTicket } from './ticket-statuses';

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

export async function getEventView(eventId: string): Promise<EventView> {
  const [details, tickets] = await Promise.all([getEventDetails(eventId), loadEventTickets(db, eventId)]);
  return { ...details, tickets };
}
