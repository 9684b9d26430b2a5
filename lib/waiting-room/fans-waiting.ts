import 'server-only';
import type { DbOrTx } from '@/db';
import { AppError } from '@/lib/errors';
import type { Kv } from '@/lib/kv/types';
import { queueBacklog } from './queue';
import { queuedEventIds } from './queued-events';
import { getQueueSettings } from './settings';

/**
 * Fans still waiting in the event's queue; 0 when the event is not queued right now. A kv outage
 * while the queue is on answers 503: the queue cannot be read, so nobody can say it is empty.
 */
export async function fansWaiting(db: DbOrTx, kv: Kv, eventId: string): Promise<number> {
  if (!(await queuedEventIds(db, kv, { fresh: true })).has(eventId)) return 0;
  const settings = await getQueueSettings(db, eventId);
  if (!settings) return 0;
  try {
    return await queueBacklog(kv, settings);
  } catch {
    throw new AppError('unavailable', 'We cannot check the waiting room just now. Please try again in a moment.');
  }
}
