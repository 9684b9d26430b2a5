import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans, type TestEvent, type TestFan } from '@/lib/testing/factories';
import { api, sessionCookie } from '@/lib/testing/http';

// Rate limits through the running server, which the test environment gives short per-fan
// windows (lib/testing/server-env.ts: reserve 20 per 5 s). Sign-in limits: lib/security/sign-in-limits.test.ts.

const sql = testSql();
let event: TestEvent;
let fan: TestFan;
let cookie: string;

beforeAll(async () => {
  event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 2 });
  [fan] = (await createFans(sql, 1)) as [TestFan];
  cookie = await sessionCookie(fan);
});

afterAll(async () => {
  await sql.end();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('rate limits over HTTP', () => {
  it('answers a fan over the reserve limit with 429 and Retry-After, and recovers after the window', async () => {
    // Empty holds are refused as bad input but still count: a flood of junk is a flood.
    const junk = () => api('/api/reservations', { method: 'POST', cookie, json: { eventId: event.eventId, ticketIds: [] } });
    let limited;
    for (let i = 0; i < 30 && !limited; i++) {
      const result = await junk();
      if (result.status === 429) limited = result;
      else expect(result.status).toBe(400);
    }
    expect(limited).toMatchObject({ status: 429, body: { error: { code: 'rate_limited' } } });
    const retryAfter = Number(limited!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(5);

    await sleep(retryAfter * 1000 + 200);
    const held = await api('/api/reservations', {
      method: 'POST',
      cookie,
      json: { eventId: event.eventId, ticketIds: event.ticketIds.slice(0, 1) },
    });
    expect(held.status).toBe(201);
  });

  it('limits sign-ups per email', async () => {
    const email = `signup-${randomUUID().slice(0, 8)}@example.test`;
    const statuses = [];
    for (let i = 0; i < 7; i++) {
      statuses.push((await api('/api/users', { method: 'POST', json: { email, name: 'Sam', password: 'short' } })).status);
    }
    // Five attempts an hour per address (the default): weak passwords first, then 429.
    expect(statuses.slice(0, 5)).toEqual([422, 422, 422, 422, 422]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });
});
