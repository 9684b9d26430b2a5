import 'server-only';
import { env } from '@/lib/env';
import { AppError, errorBody } from '@/lib/errors';
import type { Kv } from '@/lib/kv/types';
import { clientIp } from './client-ip';
import { enforceLimits, keyPart, type RateCheck } from './enforce';

/**
 * Limits one credentials sign-in, keyed on exactly the email next-auth's `authorize` is about to
 * check (so neither a JSON body nor a repeated form field can aim the limit at one account and
 * the password check at another). Throws 429 `rate_limited`.
 *
 * - per account and address: a guesser on one address is stopped after a few tries;
 * - per account from unknown devices, with a higher ceiling: a guesser spreading over many
 *   addresses is stopped too;
 * - per address: one address spraying many accounts;
 * - from a known device of this account (lib/auth/known-device.ts) only its own window applies,
 *   so strangers can never lock the owner out of a device they have signed in on before.
 */
export async function limitSignIn(kv: Kv, attempt: { email: string; headers: Headers; knownDevice: string | null }): Promise<void> {
  const account = keyPart(attempt.email.trim());
  const checks: RateCheck[] = attempt.knownDevice
    ? [{ key: `rl:sign-in:device:${account}:${keyPart(attempt.knownDevice)}`, rule: env.RATE_LIMIT_SIGN_IN_FAN }]
    : [
        { key: `rl:sign-in:fan-ip:${account}:${keyPart(clientIp(attempt.headers))}`, rule: env.RATE_LIMIT_SIGN_IN_FAN },
        { key: `rl:sign-in:fan:${account}`, rule: env.RATE_LIMIT_SIGN_IN_ACCOUNT },
        { key: `rl:sign-in:ip:${keyPart(clientIp(attempt.headers))}`, rule: env.RATE_LIMIT_SIGN_IN_IP },
      ];
  await enforceLimits(kv, checks);
}

// authorize() can only report failure by throwing an Error, whose message next-auth puts in the
// ?error= of its answer; this prefix carries the wait through it.
const marker = 'rate_limited:';

export function rateLimitedSignInError(error: AppError): Error {
  const { retryAfterSeconds } = error.details as { retryAfterSeconds: number };
  return new Error(`${marker}${retryAfterSeconds}`);
}

/**
 * Turns next-auth's answer to a rate-limited attempt into a real 429 with Retry-After. The body
 * keeps next-auth's `url` field (pointing at the sign-in page with ?error=rate_limited) so that
 * its client's signIn() reports `rate_limited` to the form.
 */
export async function asRateLimitedResponse(request: Request, response: Response): Promise<Response> {
  const location = response.headers.get('location') ?? (await jsonUrl(response));
  const error = location ? safeSearchParam(location, 'error') : null;
  if (!error?.startsWith(marker)) return response;
  const retryAfterSeconds = Math.max(1, Number(error.slice(marker.length)) || 60);
  const appError = new AppError('rate_limited', `Too many sign-in attempts. Please wait ${retryAfterSeconds} seconds and try again.`, {
    retryAfterSeconds,
  });
  const url = new URL(`/sign-in?error=rate_limited&retryAfter=${retryAfterSeconds}`, request.url);
  return Response.json(
    { url: url.toString(), ...errorBody(appError) },
    { status: 429, headers: { 'Retry-After': String(retryAfterSeconds), 'Cache-Control': 'no-store' } },
  );
}

async function jsonUrl(response: Response): Promise<string | null> {
  if (!(response.headers.get('content-type') ?? '').includes('application/json')) return null;
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { url?: unknown } | null;
  return typeof body?.url === 'string' ? body.url : null;
}

function safeSearchParam(url: string, name: string): string | null {
  try {
    return new URL(url, 'http://x').searchParams.get(name);
  } catch {
    return null;
  }
}
