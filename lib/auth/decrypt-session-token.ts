import { createDecipheriv } from 'node:crypto';

/**
 * next-auth's session token (a JWE: `dir` key management, A256GCM content encryption) decrypted
 * and its claims checked as jose's `jwtDecrypt(token, key, { clockTolerance })` does, with
 * node:crypto's AES-GCM instead of WebCrypto. jose goes through WebCrypto's asynchronous job
 * queue and imports the key on every call: in an on-sale that was a tenth of the server's CPU
 * (issue 13's profile). The claims after this are as jose returns them; a token jose refuses
 * gives null here (decrypt-session-token.test.ts checks the two agree token by token).
 *
 * Only the header next-auth writes is taken: `alg: dir`, `enc: A256GCM`, no compression and no
 * critical extensions. Every byte but the header is authenticated by the GCM tag, and the header
 * is the tag's additional data, so nothing can be changed without the key.
 */
export function decryptSessionToken(token: string, key: Uint8Array, clockToleranceSeconds: number): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 5) return null;
  const [protectedHeader, encryptedKey, iv, ciphertext, tag] = parts as [string, string, string, string, string];
  if (encryptedKey !== '' || key.byteLength !== 32) return null;
  const header = jsonObject(base64url(protectedHeader));
  if (!header || header.alg !== 'dir' || header.enc !== 'A256GCM' || 'zip' in header || 'crit' in header) return null;
  const ivBytes = base64url(iv);
  const tagBytes = base64url(tag);
  const ciphertextBytes = base64url(ciphertext);
  if (ivBytes?.byteLength !== 12 || tagBytes?.byteLength !== 16 || !ciphertextBytes) return null;

  let plaintext: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, ivBytes, { authTagLength: 16 });
    decipher.setAAD(Buffer.from(protectedHeader, 'ascii'));
    decipher.setAuthTag(tagBytes);
    plaintext = Buffer.concat([decipher.update(ciphertextBytes), decipher.final()]);
  } catch {
    return null;
  }
  const claims = jsonObject(plaintext);
  if (!claims || !claimsValid(claims, clockToleranceSeconds)) return null;
  // A claim the header repeats must match the payload's (RFC 7519 section 5.3).
  for (const claim of ['iss', 'sub', 'aud'] as const) {
    if (header[claim] === undefined) continue;
    const same = claim === 'aud' ? JSON.stringify(header.aud) === JSON.stringify(claims.aud) : header[claim] === claims[claim];
    if (!same) return null;
  }
  return claims;
}

// jose's checks with no issuer, audience, subject or maximum age asked for: each of iat, nbf
// and exp a number when present, not before nbf, and before exp, within the tolerance.
function claimsValid(claims: Record<string, unknown>, tolerance: number): boolean {
  const now = Math.floor(Date.now() / 1000);
  for (const claim of ['iat', 'nbf', 'exp']) {
    if (claims[claim] !== undefined && typeof claims[claim] !== 'number') return false;
  }
  const { nbf, exp } = claims as { nbf?: number; exp?: number };
  if (nbf !== undefined && nbf > now + tolerance) return false;
  if (exp !== undefined && exp <= now - tolerance) return false;
  return true;
}

// Base64url as jose decodes it: the URL alphabet only, padding tolerated.
function base64url(text: string): Buffer | null {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(text)) return null;
  return Buffer.from(text, 'base64url');
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function jsonObject(bytes: Buffer | null): Record<string, unknown> | null {
  if (!bytes) return null;
  try {
    const value: unknown = JSON.parse(strictUtf8.decode(bytes));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    return value as Record<string, unknown>;
  } catch {
    return null;
  }
}
