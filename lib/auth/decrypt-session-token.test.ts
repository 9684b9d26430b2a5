import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { CompactEncrypt, EncryptJWT, jwtDecrypt } from 'jose';
import { encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { decryptSessionToken } from './decrypt-session-token';

// The fast decrypt must accept and refuse exactly the tokens jose's jwtDecrypt (what next-auth's
// decode calls) does, for every token next-auth could have written and for forgeries.
const secret = 'decrypt-test-secret-decrypt-test-secret';
const key = new Uint8Array(hkdfSync('sha256', secret, '', 'NextAuth.js Generated Encryption Key', 32));
const now = () => Math.floor(Date.now() / 1000);
const claims = { uid: '0b6f9d1e-4c52-4f43-9a3e-5d1c2b7a8e90', email: 'fan@example.test', name: 'Fan' };
const dirGcm = { alg: 'dir', enc: 'A256GCM' } as const;

const jwt = (payload: Record<string, unknown>, header: Record<string, unknown> = dirGcm) =>
  new EncryptJWT(payload).setProtectedHeader(header as typeof dirGcm).encrypt(key);
const raw = (plaintext: string, header: Record<string, unknown> = dirGcm) =>
  new CompactEncrypt(new TextEncoder().encode(plaintext)).setProtectedHeader(header as typeof dirGcm).encrypt(key);
// Any header at all, which jose's encrypt would refuse to write.
function handMade(header: Record<string, unknown>, plaintext: string): string {
  const encoded = Buffer.from(JSON.stringify(header)).toString('base64url');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(encoded, 'ascii'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [encoded, '', iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}
const flip = (token: string, part: number) =>
  token
    .split('.')
    .map((p, i) => (i === part && p.length > 2 ? p.slice(0, 1) + (p[1] === 'A' ? 'B' : 'A') + p.slice(2) : p))
    .join('.');
const joseSays = (token: string) =>
  jwtDecrypt(token, key, { clockTolerance: 15 }).then(
    (r) => r.payload as Record<string, unknown>,
    () => null,
  );

describe('decryptSessionToken agrees with jose, token by token', () => {
  it('on tokens next-auth writes, valid claims at the edges of the tolerance, and bad claims', async () => {
    const tokens: [string, string][] = [
      ['next-auth', await encode({ token: { sub: claims.uid, ...claims }, secret })],
      ['next-auth, expired', await encode({ token: claims, secret, maxAge: -60 })],
      ['exp 10 s ago (inside the tolerance)', await jwt({ ...claims, exp: now() - 10 })],
      ['exp 20 s ago', await jwt({ ...claims, exp: now() - 20 })],
      ['nbf in 10 s', await jwt({ ...claims, nbf: now() + 10 })],
      ['nbf in 60 s', await jwt({ ...claims, nbf: now() + 60 })],
      ['no exp at all', await jwt(claims)],
      ['iat a string', await jwt({ ...claims, iat: 'yesterday' })],
      ['exp a string', await jwt({ ...claims, exp: String(now() + 600) })],
      ['nbf null', await jwt({ ...claims, nbf: null })],
      ['header repeats sub, matching', await jwt({ ...claims, sub: 'x' }, { ...dirGcm, sub: 'x' })],
      ['header repeats sub, not matching', await jwt({ ...claims, sub: 'x' }, { ...dirGcm, sub: 'y' })],
      ['header repeats aud, matching', await jwt({ ...claims, aud: ['a', 'b'] }, { ...dirGcm, aud: ['a', 'b'] })],
      ['hand-made, next-auth header', handMade(dirGcm, JSON.stringify(claims))],
      ['hand-made, a critical extension', handMade({ ...dirGcm, crit: ['x'], x: 1 }, JSON.stringify(claims))],
      ['hand-made, compressed', handMade({ ...dirGcm, zip: 'DEF' }, JSON.stringify(claims))],
      ['hand-made, another enc', handMade({ alg: 'dir', enc: 'A128GCM' }, JSON.stringify(claims))],
      ['hand-made, header not an object', handMade([1] as unknown as Record<string, unknown>, JSON.stringify(claims))],
      ['payload an array', await raw('[1,2]')],
      ['payload a string', await raw('"fan"')],
      ['payload not JSON', await raw('{uid:')],
      ['payload not UTF-8', await raw('\ud800')],
      ['payload empty', await raw('')],
    ];
    const valid = await jwt({ ...claims, exp: now() + 600 });
    tokens.push(
      ['tampered header', flip(valid, 0)],
      ['tampered iv', flip(valid, 2)],
      ['tampered ciphertext', flip(valid, 3)],
      ['tampered tag', flip(valid, 4)],
      ['an encrypted key where dir has none', valid.replace('..', '.AAAA.')],
      ['four parts', valid.split('.').slice(0, 4).join('.')],
      ['six parts', `${valid}.x`],
      ['standard base64 characters', valid.replace(/-/g, '+')],
      ['empty', ''],
      ['another key', await new EncryptJWT(claims).setProtectedHeader(dirGcm).encrypt(randomBytes(32))],
    );
    let accepted = 0;
    for (const [name, token] of tokens) {
      const expected = await joseSays(token);
      expect({ name, payload: decryptSessionToken(token, key, 15) }).toEqual({ name, payload: expected });
      if (expected) accepted++;
    }
    // The table tries both answers: some tokens pass, most do not.
    expect(accepted).toBeGreaterThanOrEqual(5);
    expect(accepted).toBeLessThan(tokens.length - 10);
  });

  it('is stricter than jose only for tokens next-auth never writes (other key management), which need the key to make', async () => {
    const wrapped = await new EncryptJWT(claims).setProtectedHeader({ alg: 'A256KW', enc: 'A256GCM' }).encrypt(key);
    expect(await joseSays(wrapped)).not.toBeNull();
    expect(decryptSessionToken(wrapped, key, 15)).toBeNull();
  });
});
