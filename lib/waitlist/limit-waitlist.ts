import 'server-only';
import { env } from '@/lib/env';
import type { Kv } from '@/lib/kv/types';
import { clientIp } from '@/lib/rate-limit/client-ip';
import { enforceLimits, keyPart } from '@/lib/rate-limit/enforce';

/**
 * Joining and leaving are cheap for a fan and a write for us: per fan, and per address with the
 * reserve door's address rule. 429 with Retry-After past either.
 */
export async function limitWaitlistChange(kv: Kv, userId: string, headers: Headers): Promise<void> {
  await enforceLimits(kv, [
    { key: `rl:waitlist:fan:${keyPart(userId)}`, rule: env.RATE_LIMIT_WAITLIST_FAN },
    { key: `rl:waitlist:ip:${keyPart(clientIp(headers))}`, rule: env.RATE_LIMIT_RESERVE_IP },
  ]);
}
