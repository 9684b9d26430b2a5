import 'server-only';
import { AppError, errorBody } from '@/lib/errors';
import { getKv } from '@/lib/kv';
import { clientIp } from './client-ip';
import { enforceRateLimit } from './enforce';

/**
 * Rate-limits credential sign-ins per email and per IP before next-auth sees them. Returns the
 * 429 to send, or null to let next-auth handle the request. The body keeps next-auth's `url`
 * field (with ?error=rate_limited) so its client's signIn() reports the error to the form.
 */
export async function limitSignIn(request: Request): Promise<Response | null> {
  if (request.method !== 'POST' || !new URL(request.url).pathname.endsWith('/callback/credentials')) return null;
  // A clone: next-auth reads the original body afterwards.
  const form = await request.clone().formData().catch(() => null);
  const email = form?.get('email');
  try {
    await enforceRateLimit(getKv(), 'sign-in', {
      fan: typeof email === 'string' && email.trim() ? email.trim() : null,
      ip: clientIp(request.headers),
    });
    return null;
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'rate_limited') throw error;
    const { retryAfterSeconds } = error.details as { retryAfterSeconds: number };
    const url = new URL(`/sign-in?error=rate_limited&retryAfter=${retryAfterSeconds}`, request.url);
    return Response.json(
      { url: url.toString(), ...errorBody(error) },
      { status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } },
    );
  }
}
