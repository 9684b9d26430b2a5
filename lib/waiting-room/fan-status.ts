import 'server-only';
import { AppError } from '@/lib/errors';
import type { DbOrTx } from '@/db';
import { isUuid } from '@/lib/ids';
import type { Kv } from '@/lib/kv/types';
import { keepAutoQueued } from './auto-queue';
import { visitQueue, type QueueStatus } from './queue';
import { queuedEventIds } from './queued-events';
import { getQueueSettings } from './settings';
import { eventSupply } from './supply';

/** What the queue page shows beside the place: free seats, and seats in holds that may lapse. */
export type QueueSupply = { ticketsLeft: number; ticketsHeld: number };

export type FanQueueView = (QueueStatus & QueueSupply) | { state: 'no_queue' } | { state: 'sold_out' };

/**
 * A signed-in fan's place in an event's queue, joining it on the first visit (extra tabs and
 * polls keep the same place). 'no_queue' when the event is not queued right now: the fan can
 * go straight to the event. 'sold_out' once every seat is sold: nobody joins or is let in any
 * more, and the page says so instead of a place in a line that leads nowhere.
 */
export async function fanQueueStatus(db: DbOrTx, kv: Kv, eventId: string, userId: string): Promise<FanQueueView> {
  if (!isUuid(eventId)) throw new AppError('not_found', 'No such event.');
  const settings = await getQueueSettings(db, eventId);
  if (!settings) throw new AppError('not_found', 'No such event.');
  if (!(await queuedEventIds(db, kv, { fresh: true })).has(settings.eventId)) return { state: 'no_queue' };
  const supply = await eventSupply(db, settings.eventId);
  if (supply.soldOut) return { state: 'sold_out' };
  const status = await visitQueue(kv, settings, userId, { join: true });
  if (status.state === 'waiting' || status.state === 'before_sale') void keepAutoQueued(kv, settings);
  return { ...status, ticketsLeft: supply.left, ticketsHeld: supply.held };
}
