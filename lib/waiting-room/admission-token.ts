import { compactVerify, SignJWT } from 'jose';

// Admission tokens: HS256 JWTs bound to one fan (sub) and one event (aud), expiring when the
// fan's admission window closes. Pure functions of a key so that the gate, the routes, the
// tests and the benchmark share them; no database or Redis call is ever needed to check one.

const issuer = 'ticketbooth-queue';
const audience = (eventId: string) => `event:${eventId.toLowerCase()}`;

/** One cookie per event, so a fan admitted to two on-sales keeps both admissions. */
export const admissionCookieName = (eventId: string) => `tb_admit_${eventId.toLowerCase()}`;

export function admissionKey(secret: string): Uint8Array {
  // Distinct from next-auth's use of the same fallback secret: a session token can never pass
  // as an admission token, nor the reverse.
  return new TextEncoder().encode(`admission:${secret}`);
}

export type Admission = { userId: string; eventId: string; expiresAt: number };

export async function signAdmission(key: Uint8Array, a: Admission): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(issuer)
    .setSubject(a.userId)
    .setAudience(audience(a.eventId))
    .setExpirationTime(Math.floor(a.expiresAt / 1000))
    .sign(key);
}

type Claims = { iss?: unknown; sub?: unknown; aud?: unknown; exp?: unknown };

// WebCrypto's HMAC is asynchronous in Node and costs ~130-250 µs a call, above the gate's
// 0.1 ms budget. A fan sends the same token on every request, so each token's signature is
// checked once and its claims remembered (forgeries too, as null); claims are still compared
// with the request on every call. The cache is bounded, oldest first out.
const verified = new Map<string, Claims | null>();
const maxCached = 50_000;

async function signedClaims(key: Uint8Array, token: string): Promise<Claims | null> {
  const hit = verified.get(token);
  if (hit !== undefined) return hit;
  let claims: Claims | null = null;
  try {
    const { payload } = await compactVerify(token, key, { algorithms: ['HS256'] });
    claims = JSON.parse(new TextDecoder().decode(payload)) as Claims;
  } catch {
    claims = null;
  }
  if (verified.size >= maxCached) verified.delete(verified.keys().next().value!);
  verified.set(token, claims);
  return claims;
}

/**
 * The admission if the token is genuine, for this event (and this fan when `userId` is given)
 * and unexpired at `now`; null otherwise. Never throws on bad input: every failure is "no".
 */
export async function verifyAdmission(
  key: Uint8Array,
  token: string,
  expect: { eventId: string; userId?: string; now?: number },
): Promise<Admission | null> {
  // The cache is per key object; a different key (another secret) must never reuse a verdict.
  const claims = key === lastKey ? await signedClaims(key, token) : await resetFor(key, token);
  if (!claims || claims.iss !== issuer || claims.aud !== audience(expect.eventId)) return null;
  if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return null;
  if (expect.userId !== undefined && claims.sub !== expect.userId) return null;
  if (claims.exp * 1000 <= (expect.now ?? Date.now())) return null;
  return { userId: claims.sub, eventId: expect.eventId.toLowerCase(), expiresAt: claims.exp * 1000 };
}

let lastKey: Uint8Array | null = null;

function resetFor(key: Uint8Array, token: string): Promise<Claims | null> {
  verified.clear();
  lastKey = key;
  return signedClaims(key, token);
}
