import 'server-only';
import { createHash } from 'node:crypto';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import type { Kv } from '@/lib/kv/types';
import { warnThrottled } from '@/lib/log';
import { hitFixedWindow, type RateRule } from './fixed-window';

export type RateAction = 'reserve' | 'sign-in' | 'sign-up';

const rules: Record<RateAction, { fan: RateRule; ip: RateRule }> = {
  reserve: { fan: env.RATE_LIMIT_RESERVE_FAN, ip: env.RATE_LIMIT_RESERVE_IP },
  'sign-in': { fan: env.RATE_LIMIT_SIGN_IN_FAN, ip: env.RATE_LIMIT_SIGN_IN_IP },
  'sign-up': { fan: env.RATE_LIMIT_SIGN_UP_FAN, ip: env.RATE_LIMIT_SIGN_UP_IP },
};

// Emails are hashed into the key so the kv store never holds them in the clear.
const keyPart = (value: string) => createHash('sha256').update(value.toLowerCase()).digest('base64url').slice(0, 22);

/**
 * Throws 429 `rate_limited` (details.retryAfterSeconds) when the fan or the IP is over its
 * limit for this action. A kv outage lets the request through: a rate limit protects the site,
 * and refusing every fan while Redis is down would do the attacker's work for them.
 */
export async function enforceRateLimit(
  kv: Kv,
  action: RateAction,
  who: { fan?: string | null; ip?: string | null },
  overrides: Partial<{ fan: RateRule; ip: RateRule }> = {},
): Promise<void> {
  const rule = { ...rules[action], ...overrides };
  const checks: Array<[string, RateRule]> = [];
  if (who.fan) checks.push([`rl:${action}:fan:${keyPart(who.fan)}`, rule.fan]);
  if (who.ip) checks.push([`rl:${action}:ip:${keyPart(who.ip)}`, rule.ip]);
  let verdicts;
  try {
    verdicts = await Promise.all(checks.map(([key, r]) => hitFixedWindow(kv, key, r)));
  } catch (error) {
    warnThrottled('rate-limit-kv', `rate limit: kv unavailable (${(error as Error).message}); letting requests through`);
    return;
  }
  const waits = verdicts.flatMap((v) => (v.ok ? [] : [v.retryAfterMs]));
  if (waits.length === 0) return;
  const retryAfterSeconds = Math.max(1, Math.ceil(Math.max(...waits) / 1000));
  throw new AppError('rate_limited', `Too many attempts. Please wait ${retryAfterSeconds} seconds and try again.`, {
    retryAfterSeconds,
  });
}
