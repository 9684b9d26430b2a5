import { encode } from 'next-auth/jwt';
import { beforeAll, describe, expect, it } from 'vitest';

// lib/env is read once at import: give it a URL before session-cookie.ts loads.
process.env.NEXTAUTH_URL ??= 'http://127.0.0.1:3000';
let sessionFromCookie: typeof import('./session-cookie').sessionFromCookie;
beforeAll(async () => {
  ({ sessionFromCookie } = await import('./session-cookie'));
});

const secret = () => process.env.NEXTAUTH_SECRET!;
const fan = { uid: '0b6f9d1e-4c52-4f43-9a3e-5d1c2b7a8e90', email: 'fan@example.test', name: 'Fan' };

describe('sessionFromCookie (the hold routes read the session cookie as next-auth does)', () => {
  it('reads the fan from a cookie next-auth encoded', async () => {
    const token = await encode({ token: { sub: fan.uid, ...fan }, secret: secret() });
    expect(await sessionFromCookie(`a=b; next-auth.session-token=${token}`)).toEqual({ id: fan.uid, email: fan.email, name: fan.name });
  });

  it('refuses a cookie under another secret, a tampered one, an expired one and none', async () => {
    const other = await encode({ token: { sub: fan.uid, ...fan }, secret: 'another-secret-another-secret-another' });
    expect(await sessionFromCookie(`next-auth.session-token=${other}`)).toBeNull();
    const token = await encode({ token: { sub: fan.uid, ...fan }, secret: secret() });
    const flipped = token.slice(0, -3) + (token.at(-3) === 'A' ? 'B' : 'A') + token.slice(-2);
    expect(await sessionFromCookie(`next-auth.session-token=${flipped}`)).toBeNull();
    const expired = await encode({ token: { sub: fan.uid, ...fan }, secret: secret(), maxAge: -60 });
    expect(await sessionFromCookie(`next-auth.session-token=${expired}`)).toBeNull();
    expect(await sessionFromCookie(null)).toBeNull();
  });

  it('leaves a cookie next-auth split into chunks to next-auth', async () => {
    expect(await sessionFromCookie('next-auth.session-token.0=abc; next-auth.session-token.1=def')).toBeUndefined();
  });
});
