import 'server-only';
import { createHash } from 'node:crypto';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import type { Kv, WindowCount } from '@/lib/kv/types';
import { hitLocalWindows } from './local-windows';

export type RateRule = { limit: number; windowMs: number };
export type RateCheck = { key: string; rule: RateRule };
export type RateAction = 'reserve' | 'sign-up';

const rules: Record<RateAction, { fan: RateRule; ip: RateRule }> = {
  reserve: { fan: env.RATE_LIMIT_RESERVE_FAN, ip: env.RATE_LIMIT_RESERVE_IP },
  'sign-up': { fan: env.RATE_LIMIT_SIGN_UP_FAN, ip: env.RATE_LIMIT_SIGN_UP_IP },
};

// Emails and addresses are hashed into keys so the kv store never holds them in the clear.
export const keyPart = (value: string) => createHash('sha256').update(value.trim().toLowerCase()).digest('base64url').slice(0, 22);

let local = false;

/**
 * Counts one hit in every window (one kv round trip) and throws 429 `rate_limited`
 * (details.retryAfterSeconds) when any is over its limit.
 *
 * A kv failure never switches the limits off: the windows are counted in this process instead
 * (per instance, so N instances allow up to N times a limit) until the store answers again. The
 * switch is logged once each way, not per request.
 */
export async function enforceLimits(kv: Kv, checks: RateCheck[]): Promise<void> {
  if (checks.length === 0) return;
  const hits = checks.map(({ key, rule }) => ({ key, windowMs: rule.windowMs }));
  let counts: WindowCount[];
  try {
    counts = await kv.hitWindows(hits);
    if (local) {
      local = false;
      console.info('rate limit: kv store is back; limits are shared between instances again');
    }
  } catch (error) {
    if (!local) {
      local = true;
      console.warn(`rate limit: kv store unavailable (${(error as Error).message}); limits now count per instance`);
    }
    counts = hitLocalWindows(hits);
  }
  const waits = counts.flatMap((c, i) => (c.count > checks[i]!.rule.limit ? [c.ttlMs > 0 ? c.ttlMs : checks[i]!.rule.windowMs] : []));
  if (waits.length === 0) return;
  const retryAfterSeconds = Math.max(1, Math.ceil(Math.max(...waits) / 1000));
  throw new AppError('rate_limited', `Too many attempts. Please wait ${retryAfterSeconds} seconds and try again.`, {
    retryAfterSeconds,
  });
}

/** The reserve and sign-up limits: per fan (account or email) and per client address. */
export async function enforceRateLimit(
  kv: Kv,
  action: RateAction,
  who: { fan?: string | null; ip?: string | null },
  overrides: Partial<{ fan: RateRule; ip: RateRule }> = {},
): Promise<void> {
  const rule = { ...rules[action], ...overrides };
  const checks: RateCheck[] = [];
  if (who.fan) checks.push({ key: `rl:${action}:fan:${keyPart(who.fan)}`, rule: rule.fan });
  if (who.ip) checks.push({ key: `rl:${action}:ip:${keyPart(who.ip)}`, rule: rule.ip });
  await enforceLimits(kv, checks);
}
