import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSql } from '@/lib/testing/db';
import { createFans, testPassword, type TestFan } from '@/lib/testing/factories';
import { baseUrl } from '@/lib/testing/http';

// Issue 10, findings 3 and 5: the per-account sign-in limit keyed on the first `email` form field
// while next-auth checked the last one (or a JSON body), so 25 wrong passwords and then the right
// one signed in; and 10 wrong passwords by a stranger locked the owner out for 10 minutes. The
// limit now lives in authorize(), on exactly the credentials next-auth checks, and a device the
// owner has signed in on before is limited on its own. The test server allows 8 attempts per
// account and address in 10 s (RATE_LIMIT_SIGN_IN_FAN).

const sql = testSql();
let fans: TestFan[];

beforeAll(async () => {
  fans = await createFans(sql, 5);
});
afterAll(async () => {
  await sql.end();
});

type Attempt = { status: number; signedIn: boolean; knownDevice: string | null; body: string; retryAfter: string | null };

async function csrf(): Promise<{ token: string; cookie: string }> {
  const response = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { token: csrfToken, cookie };
}

async function attempt(body: (csrfToken: string) => { type: string; text: string }, extraCookie = ''): Promise<Attempt> {
  const { token, cookie } = await csrf();
  const { type, text } = body(token);
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': type, cookie: [cookie, extraCookie].filter(Boolean).join('; ') },
    body: text,
  });
  const setCookies = response.headers.getSetCookie();
  return {
    status: response.status,
    signedIn: setCookies.some((c) => c.startsWith('next-auth.session-token=')),
    knownDevice: setCookies.find((c) => c.startsWith('tb-known-device='))?.split(';')[0] ?? null,
    body: await response.text(),
    retryAfter: response.headers.get('retry-after'),
  };
}

const form = (fields: Array<[string, string]>) => (csrfToken: string) => ({
  type: 'application/x-www-form-urlencoded',
  text: new URLSearchParams([...fields, ['csrfToken', csrfToken], ['json', 'true']]).toString(),
});
const json = (fields: Record<string, string>) => (csrfToken: string) => ({
  type: 'application/json',
  text: JSON.stringify({ ...fields, csrfToken, json: 'true' }),
});

describe('sign-in limits key on what next-auth authenticates', () => {
  it('a JSON body cannot dodge the per-account limit: after the wrong guesses, the right password is refused too', async () => {
    const fan = fans[0]!;
    const results: Attempt[] = [];
    for (let i = 0; i < 10; i++) results.push(await attempt(json({ email: fan.email, password: `wrong-${i}` })));
    expect(results.some((r) => r.status === 429)).toBe(true);
    const right = await attempt(json({ email: fan.email, password: testPassword }));
    expect(right.status).toBe(429);
    expect(right.signedIn).toBe(false);
    expect(Number(right.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(right.body)).toMatchObject({ url: expect.stringContaining('error=rate_limited'), error: { code: 'rate_limited' } });
  });

  it('a repeated email field cannot aim the limit at a decoy while the password is checked for the victim', async () => {
    const victim = fans[1]!;
    for (let i = 0; i < 10; i++) {
      const decoy = `decoy-${randomUUID()}@example.test`;
      await attempt(
        form([
          ['email', decoy],
          ['email', victim.email],
          ['password', `wrong-${i}`],
        ]),
      );
    }
    const right = await attempt(
      form([
        ['email', `decoy-${randomUUID()}@example.test`],
        ['email', victim.email],
        ['password', testPassword],
      ]),
    );
    expect(right.status).toBe(429);
    expect(right.signedIn).toBe(false);
  });

  it('a stranger guessing cannot lock the owner out of a device the owner has used before', async () => {
    const owner = fans[2]!;
    const first = await attempt(
      form([
        ['email', owner.email],
        ['password', testPassword],
      ]),
    );
    expect(first.signedIn).toBe(true);
    expect(first.knownDevice).not.toBeNull();

    // The stranger shares the owner's address here (every test request comes from 127.0.0.1).
    const strangers: number[] = [];
    for (let i = 0; i < 12; i++)
      strangers.push(
        (
          await attempt(
            form([
              ['email', owner.email],
              ['password', `guess-${i}`],
            ]),
          )
        ).status,
      );
    expect(strangers).toContain(429);

    const back = await attempt(
      form([
        ['email', owner.email],
        ['password', testPassword],
      ]),
      first.knownDevice!,
    );
    expect(back.status).toBe(200);
    expect(back.signedIn).toBe(true);
    // Without the device cookie, from the stranger's address, the owner waits like the stranger.
    expect(
      (
        await attempt(
          form([
            ['email', owner.email],
            ['password', testPassword],
          ]),
        )
      ).status,
    ).toBe(429);
  });

  it('a forged known-device cookie is worth nothing', async () => {
    const owner = fans[3]!;
    const forged = `tb-known-device=${'A'.repeat(22)}.${'B'.repeat(43)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++)
      statuses.push(
        (
          await attempt(
            form([
              ['email', owner.email],
              ['password', `guess-${i}`],
            ]),
            forged,
          )
        ).status,
      );
    expect(statuses).toContain(429);
  });

  it('a password with a NUL byte is a wrong password, not a 500 and not a bcrypt prefix match', async () => {
    const fan = fans[4]!;
    const answer = await attempt(
      form([
        ['email', fan.email],
        ['password', `${testPassword}\0anything`],
      ]),
    );
    expect(answer.status).toBeLessThan(500);
    expect(answer.signedIn).toBe(false);
  });
});
