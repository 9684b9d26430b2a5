import 'server-only';
import { cookies } from 'next/headers';
import { db } from '@/db';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { getKv } from '@/lib/kv';
import { admissionCookieName, verifyAdmission } from './admission-token';
import { queuedEventIds } from './queued-events';
import { admissionSecretKey } from './token-key';

/**
 * The reserve API and the hold action check admission here, where the session is decoded: the
 * token must be valid for this event and belong to this fan. proxy.ts cannot do it for
 * POST /api/reservations, whose event id is in the body. An id that is not a UUID passes
 * through to the operation's own validation, so bad input keeps its 400.
 */
export async function requireAdmission(eventId: unknown, userId: string): Promise<void> {
  if (!isUuid(eventId)) return;
  const id = eventId.toLowerCase();
  if (!(await queuedEventIds(db, getKv(), { fresh: true })).has(id)) return;
  const token = (await cookies()).get(admissionCookieName(id))?.value;
  if (token && (await verifyAdmission(admissionSecretKey(), token, { eventId: id, userId }))) return;
  throw new AppError('queue_required', 'This on-sale has a waiting room. Join the queue to book seats.', {
    queueUrl: `/queue/${id}`,
  });
}
