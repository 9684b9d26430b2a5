import 'server-only';
import { AppError } from '@/lib/errors';
import type { DbOrTx } from '@/db';
import { isUuid } from '@/lib/ids';
import type { Kv } from '@/lib/kv/types';
import { keepAutoQueued } from './auto-queue';
import { visitQueue, type QueueStatus } from './queue';
import { queuedEventIds } from './queued-events';
import { getQueueSettings } from './settings';

export type FanQueueView = QueueStatus | { state: 'no_queue' };

/**
 * A signed-in fan's place in an event's queue, joining it on the first visit (extra tabs and
 * polls keep the same place). 'no_queue' when the event is not queued right now: the fan can
 * go straight to the event.
 */
export async function fanQueueStatus(db: DbOrTx, kv: Kv, eventId: string, userId: string): Promise<FanQueueView> {
  if (!isUuid(eventId)) throw new AppError('not_found', 'No such event.');
  const settings = await getQueueSettings(db, eventId);
  if (!settings) throw new AppError('not_found', 'No such event.');
  if (!(await queuedEventIds(db, kv, { fresh: true })).has(settings.eventId)) return { state: 'no_queue' };
  const status = await visitQueue(kv, settings, userId, { join: true });
  if (status.state === 'waiting' || status.state === 'before_sale') void keepAutoQueued(kv, settings);
  return status;
}
