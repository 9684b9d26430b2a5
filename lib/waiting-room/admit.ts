import 'server-only';
import type { DbOrTx } from '@/db';
import type { Kv } from '@/lib/kv/types';
import { signAdmission } from './admission-token';
import { visitQueue } from './queue';
import { getQueueSettings } from './settings';
import { eventSupply } from './supply';
import { admissionSecretKey } from './token-key';

/**
 * A signed admission for a fan the queue has admitted, expiring with their admission window
 * (counted from the first moment they were admitted, so polling never stretches it); null for
 * anyone still waiting, never queued, or whose window has passed, and for everyone once the
 * event is sold out.
 */
export async function admitFan(db: DbOrTx, kv: Kv, eventId: string, userId: string): Promise<{ token: string; expiresAt: number } | null> {
  const settings = await getQueueSettings(db, eventId);
  if (!settings) return null;
  if ((await eventSupply(db, settings.eventId)).soldOut) return null;
  const status = await visitQueue(kv, settings, userId, { join: false });
  if (status.state !== 'admitted') return null;
  const expiresAt = status.windowEndsAt;
  return { token: await signAdmission(admissionSecretKey(), { userId, eventId: settings.eventId, expiresAt }), expiresAt };
}
