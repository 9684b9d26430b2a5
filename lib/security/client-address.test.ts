import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientIp } from '@/lib/rate-limit/client-ip';
import { startExtraServer, type ExtraServer } from '@/lib/testing/extra-server';
import { testServerPort } from '@/lib/testing/server-env';
import { testKvPrefix } from '@/lib/testing/test-env';

// Issue 10, finding 4: per-IP limits trusted the client's own X-Forwarded-For, so a new first
// entry per request removed every per-IP limit. Two more instances of the built app, with a
// per-address sign-up limit of 3 an hour: one as it runs with clients connecting directly
// (TRUSTED_PROXY_HOPS=0, the default), one behind one proxy of ours (TRUSTED_PROXY_HOPS=1).

let direct: ExtraServer;
let proxied: ExtraServer;

const limits = (hops: number) => ({
  TRUSTED_PROXY_HOPS: String(hops),
  RATE_LIMIT_SIGN_UP_IP: '3/3600',
  KV_PREFIX: `${testKvPrefix}xff${hops}:${randomUUID().slice(0, 8)}:`,
});

beforeAll(async () => {
  [direct, proxied] = await Promise.all([
    startExtraServer(testServerPort + 20, limits(0)),
    startExtraServer(testServerPort + 21, limits(1)),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.all([direct?.stop(), proxied?.stop()]);
});

async function signUp(server: ExtraServer, forwardedFor: string): Promise<number> {
  const response = await fetch(`${server.url}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    // A weak password: refused with 422 after the limit is counted, so no account is made.
    body: JSON.stringify({ email: `xff-${randomUUID()}@example.test`, name: 'Sam', password: 'short' }),
  });
  await response.body?.cancel();
  return response.status;
}

describe('the client address', () => {
  it('clients connecting directly cannot choose their address: a new X-Forwarded-For per request changes nothing', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push(await signUp(direct, `203.0.113.${i + 1}`));
    expect(statuses).toEqual([422, 422, 422, 429, 429, 429]);
  });

  it('behind one trusted proxy, the address that proxy saw counts, and what the client wrote left of it does not', async () => {
    // Our proxy appends the address it saw; the client forged the entries to its left.
    const spoofed = [];
    for (let i = 0; i < 5; i++) spoofed.push(await signUp(proxied, `198.51.100.${i + 1}, 192.0.2.7`));
    expect(spoofed).toEqual([422, 422, 422, 429, 429]);
    // Different real clients behind the proxy are different addresses.
    const distinct = [];
    for (let i = 0; i < 4; i++) distinct.push(await signUp(proxied, `192.0.2.${100 + i}`));
    expect(distinct).toEqual([422, 422, 422, 422]);
  });

  it('clientIp reads from the right and skips exactly the trusted hops', () => {
    const headers = (xff: string) => new Headers({ 'x-forwarded-for': xff });
    expect(clientIp(headers('1.1.1.1, 10.0.0.1'), 0)).toBe('10.0.0.1');
    expect(clientIp(headers('1.1.1.1, 2.2.2.2, 10.0.0.1'), 1)).toBe('2.2.2.2');
    expect(clientIp(headers(' 2.2.2.2 ,10.0.0.1 '), 1)).toBe('2.2.2.2');
    // A chain shorter than the hops is a misconfiguration; the best guess is its first entry.
    expect(clientIp(headers('10.0.0.1'), 2)).toBe('10.0.0.1');
    expect(clientIp(new Headers(), 0)).toBe('unknown');
  });
});
