import 'server-only';
import type { DbOrTx } from '@/db';
import type { Kv } from '@/lib/kv/types';
import { admissionCookieName, verifyAdmission } from './admission-token';
import { queuedEventIds } from './queued-events';
import { admissionSecretKey } from './token-key';

/**
 * Whether this fan would be sent to the queue for this event: it is queued and they carry no
 * admission of their own (an anonymous fan never has one; fans queue signed in). The event
 * page's private island asks, because an edge may still hold a public copy of the page from
 * just before the queue started (see proxy.ts). It asks for a fresh list: this private call
 * decides whether a fan is sent to the queue, so it waits when the list is one interval old.
 */
export async function admissionNeeded(
  db: DbOrTx,
  kv: Kv,
  eventId: string,
  userId: string | null,
  cookie: (name: string) => string | undefined,
): Promise<boolean> {
  const id = eventId.toLowerCase();
  if (!(await queuedEventIds(db, kv, { fresh: true })).has(id)) return false;
  if (!userId) return true;
  const token = cookie(admissionCookieName(id));
  return !(token && (await verifyAdmission(admissionSecretKey(), token, { eventId: id, userId })));
}
