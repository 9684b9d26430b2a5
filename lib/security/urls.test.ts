import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans, type TestEvent, type TestFan } from '@/lib/testing/factories';
import { baseUrl, sessionCookie } from '@/lib/testing/http';

// Issue 10, findings 2 and 6a: GET /events/<id with %2D for a dash> served the seat map of a
// queued event (the gate's regex ran on the raw path), and malformed percent-encoding in any
// dynamic segment was Next's plain-text 500.

const sql = testSql();
let event: TestEvent;
let fan: TestFan;
let cookie: string;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const get = (path: string, init: RequestInit = {}) =>
  fetch(`${baseUrl}${path}`, { redirect: 'manual', ...init, headers: { cookie, ...init.headers } });

beforeAll(async () => {
  event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 4 });
  await sql`update events set queue_mode = 'on', queue_outflow_per_minute = 1 where id = ${event.eventId}`;
  [fan] = (await createFans(sql, 1)) as [TestFan];
  cookie = await sessionCookie(fan);
  for (let i = 0; i < 50 && (await get(`/events/${event.eventId}`)).status !== 307; i++) await sleep(200);
});

afterAll(async () => {
  await sql.end();
});

describe('the gate judges the decoded, canonical URL', () => {
  const spellings = () => [
    ['a dash written as %2D', `/events/${event.eventId.replace('-', '%2D')}`],
    ['every character encoded', `/events/${[...event.eventId].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('')}`],
    ['upper case', `/events/${event.eventId.toUpperCase()}`],
    ['a trailing slash', `/events/${event.eventId}/`],
    ['a doubled slash', `//events/${event.eventId}`],
  ];

  it.each([0, 1, 2, 3, 4])('spelling %i of a queued event page is redirected to its one canonical URL, never served', async (i) => {
    const [, path] = spellings()[i]!;
    const response = await get(path!);
    await response.body?.cancel();
    expect(response.status).toBe(308);
    expect(new URL(response.headers.get('location')!, baseUrl).pathname).toBe(`/events/${event.eventId}`);
    // ... where the gate sends a fan without admission to the queue.
    const canonical = await get(`/events/${event.eventId}`);
    await canonical.body?.cancel();
    expect(canonical.status).toBe(307);
    expect(new URL(canonical.headers.get('location')!, baseUrl).pathname).toBe(`/queue/${event.eventId}`);
  });

  it('best-available under another spelling is redirected too, not run', async () => {
    const response = await get(`/api/events/${event.eventId.replace(/-/g, '%2d')}/best-available`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ quantity: 1 }),
    });
    await response.body?.cancel();
    expect(response.status).toBe(308);
    expect((await sql`select count(*)::int as n from reservations where user_id = ${fan.id}`)[0]!.n).toBe(0);
  });
});

describe('malformed percent-encoding', () => {
  it.each([
    ['/events/%E0%A4%A', 404],
    ['/events/%', 404],
    ['/queue/%ZZ', 404],
    ['/reservations/%C0%AF', 404],
    ['/bookings/%E2%82', 404],
    ['/api/events/%zz', 400],
    ['/api/events/%zz/availability', 400],
    ['/api/events/%E0%A4%A/seats', 400],
    ['/api/reservations/%', 400],
    ['/api/queue/%ff%fe', 400],
    ['/api/bookings/%E0', 400],
  ])('%s answers %i, not a 500', async (path, status) => {
    const response = await get(path);
    expect(response.status).toBe(status);
    if (status === 400) expect(await response.json()).toMatchObject({ error: { code: 'bad_request' } });
    else expect(await response.text()).toContain('couldn’t find');
  });
});
