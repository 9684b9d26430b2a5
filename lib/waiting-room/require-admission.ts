import 'server-only';
import { db } from '@/db';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { getKv } from '@/lib/kv';
import { admissionCookieName, verifyAdmission } from './admission-token';
import { queuedEventIds } from './queued-events';
import { admissionSecretKey } from './token-key';

/**
 * For an event behind a waiting room, the fan must carry an admission token for this event that
 * belongs to them. Called by the one door to a hold (lib/booking/hold-seats.ts), where the
 * session is already decoded; proxy.ts cannot bind the token to the fan, and never sees a server
 * action or an event id in a body. An id that is not a UUID passes through to the operation's
 * own validation, so bad input keeps its 400.
 */
export async function requireAdmission(eventId: unknown, userId: string, cookie: (name: string) => string | undefined): Promise<void> {
  if (!isUuid(eventId)) return;
  const id = eventId.toLowerCase();
  if (!(await queuedEventIds(db, getKv(), { fresh: true })).has(id)) return;
  const token = cookie(admissionCookieName(id));
  if (token && (await verifyAdmission(admissionSecretKey(), token, { eventId: id, userId }))) return;
  throw new AppError('queue_required', 'This on-sale has a waiting room. Join the queue to book seats.', {
    queueUrl: `/queue/${id}`,
  });
}
