import 'server-only';
import { hkdfSync } from 'node:crypto';
import { env } from '@/lib/env';
import { cookieValue } from '@/lib/http/cookies';
import { decryptSessionToken } from './decrypt-session-token';
import type { SessionUser } from './session';

// The hold routes read the session straight from its cookie. getServerSession derives the cookie's
// key from NEXTAUTH_SECRET with HKDF on every call, decrypts, then derives again to re-encrypt the
// cookie with a later expiry: in an on-sale that was 7% of the server's CPU (issue 13's profile).
// Here the key is derived once and the cookie decrypted as next-auth/jwt's decode does (dir +
// A256GCM, 15 s clock tolerance; see decrypt-session-token.ts), so the same cookies are accepted
// and refused. The session is not rolled on these requests; every other signed-in request still
// rolls it.

let key: Uint8Array | undefined;
const encryptionKey = (secret: string) =>
  (key ??= new Uint8Array(hkdfSync('sha256', secret, '', 'NextAuth.js Generated Encryption Key', 32)));

/**
 * The fan named by the request's session cookie; null when there is none or it does not decrypt.
 * `undefined` when this cookie cannot be read here (no secret or URL configured, or a cookie
 * next-auth split into chunks): the caller asks next-auth.
 */
export async function sessionFromCookie(cookieHeader: string | null | undefined): Promise<SessionUser | null | undefined> {
  const token = sessionToken(cookieHeader);
  return typeof token === 'string' ? sessionFromToken(token) : token;
}

/** The session cookie's value; null when there is none, `undefined` when only next-auth can read it. */
export function sessionToken(cookieHeader: string | null | undefined): string | null | undefined {
  if (!env.NEXTAUTH_SECRET || !env.NEXTAUTH_URL) return undefined;
  const name = env.NEXTAUTH_URL.startsWith('https://') ? '__Secure-next-auth.session-token' : 'next-auth.session-token';
  const token = cookieValue(cookieHeader, name);
  if (!token) return cookieValue(cookieHeader, `${name}.0`) ? undefined : null;
  return token;
}

/** The fan a session token names, or null when it does not decrypt or names no one. */
export async function sessionFromToken(token: string): Promise<SessionUser | null> {
  const payload = decryptSessionToken(token, encryptionKey(env.NEXTAUTH_SECRET!), 15);
  if (typeof payload?.uid !== 'string') return null;
  return {
    id: payload.uid,
    email: typeof payload.email === 'string' ? payload.email : '',
    name: typeof payload.name === 'string' ? payload.name : '',
  };
}
