import 'server-only';
import { getKv } from '@/lib/kv';
import { clientIp } from '@/lib/rate-limit/client-ip';
import { enforceRateLimit } from '@/lib/rate-limit/enforce';
import { requireAdmission } from './require-admission';

/**
 * What every way of holding seats checks first: the fan and their IP are under the reserve
 * rate limit (429), and for a queued event the fan holds an admission for it (403). The rate
 * limit comes first so that a flood is turned away before any token work.
 */
export async function guardReserve(eventId: unknown, userId: string, headers: Headers): Promise<void> {
  await enforceRateLimit(getKv(), 'reserve', { fan: userId, ip: clientIp(headers) });
  await requireAdmission(eventId, userId);
}
