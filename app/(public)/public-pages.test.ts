import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans, type TestEvent, type TestFan } from '@/lib/testing/factories';
import { api, baseUrl, sessionCookie } from '@/lib/testing/http';
import { testNextAuthSecret } from '@/lib/testing/server-env';
import { admissionCookieName, admissionKey, signAdmission } from '@/lib/waiting-room/admission-token';

// Invariant 8: the event, home and search pages are the same for every fan and say so in their
// Cache-Control; what is the fan's own comes from small private endpoints.

const sql = testSql();
let event: TestEvent;
let fans: TestFan[];
let cookies: string[];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const get = (path: string, cookie?: string) => fetch(`${baseUrl}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });

beforeAll(async () => {
  event = await createEvent(sql, { sections: 2, rows: 2, seatsPerRow: 10 });
  fans = await createFans(sql, 2);
  cookies = await Promise.all(fans.map(sessionCookie));
  // One fan holds two seats, so a page that leaked "my seats" would differ between them.
  const held = await api('/api/reservations', {
    method: 'POST',
    cookie: cookies[0],
    json: { eventId: event.eventId, ticketIds: event.ticketIds.slice(0, 2) },
  });
  expect(held.status).toBe(201);
});

afterAll(async () => {
  await sql.end();
});

describe('public pages', () => {
  // Nothing is stripped before comparing: the event page is one stored render (Next's incremental
  // static regeneration), and the home and search pages render the same bytes for the same data
  // (no nonce, no per-request id: lib/security/headers.mjs keeps the CSP free of nonces).
  it.each([
    ['the event page', () => `/events/${event.eventId}`, 'public, max-age=0, s-maxage=2, stale-while-revalidate=3'],
    ['the home page', () => '/', 'public, max-age=0, s-maxage=10, stale-while-revalidate=30'],
    [
      'the search page',
      () => `/search?keyword=${encodeURIComponent('Test Band')}`,
      'public, max-age=0, s-maxage=10, stale-while-revalidate=30',
    ],
  ])('%s: byte-identical for two signed-in fans and an anonymous client, and public', async (_name, path, cacheControl) => {
    // Up to three rounds, so that a render which crosses a data change (a hold elsewhere in the
    // test database moves a price on the home page) is retried rather than taken for a
    // difference between fans; a page that depends on the fan differs in every round.
    let bodies: string[] = [];
    for (let round = 0; round < 3; round++) {
      const responses = await Promise.all([get(path()), get(path(), cookies[0]), get(path(), cookies[1])]);
      for (const r of responses) {
        expect(r.status).toBe(200);
        expect(r.headers.get('cache-control')).toBe(cacheControl);
        expect(r.headers.get('set-cookie')).toBeNull();
      }
      bodies = await Promise.all(responses.map((r) => r.text()));
      if (new Set(bodies).size === 1) break;
    }
    expect(bodies[1]).toBe(bodies[0]);
    expect(bodies[2]).toBe(bodies[0]);
    for (const fan of fans) {
      expect(bodies[0]).not.toContain(fan.email);
      expect(bodies[0]).not.toContain(fan.name);
    }
  });

  it('the event page reads no session: a broken session cookie changes nothing', async () => {
    const plain = await (await get(`/events/${event.eventId}`)).text();
    const broken = await get(`/events/${event.eventId}`, 'next-auth.session-token=not-a-token');
    expect(broken.status).toBe(200);
    expect(await broken.text()).toBe(plain);
  });

  it('GET /api/me and /api/me/holds answer each fan about themselves, privately', async () => {
    const [mine, theirs, nobody] = await Promise.all([
      api('/api/me', { cookie: cookies[0] }),
      api('/api/me', { cookie: cookies[1] }),
      api('/api/me'),
    ]);
    expect(mine.body).toEqual({ user: { name: fans[0]!.name, email: fans[0]!.email } });
    expect(theirs.body).toEqual({ user: { name: fans[1]!.name, email: fans[1]!.email } });
    expect(nobody.body).toEqual({ user: null });
    for (const r of [mine, theirs, nobody]) expect(r.headers.get('cache-control')).toBe('private, no-store');

    const holds = (cookie?: string) => api(`/api/me/holds?eventId=${event.eventId}`, { cookie });
    const [holder, other, anonymous] = await Promise.all([holds(cookies[0]), holds(cookies[1]), holds()]);
    expect(holder.body).toEqual({ seats: [0, 1], queueRequired: false });
    expect(other.body).toEqual({ seats: [], queueRequired: false });
    expect(anonymous.body).toEqual({ seats: [], queueRequired: false });
    expect(holder.headers.get('cache-control')).toBe('private, no-store');

    for (const bad of ['', '?eventId=nope', '?eventId=1%27%20or%201=1']) {
      const answer = await api(`/api/me/holds${bad}`, { cookie: cookies[0] });
      expect(answer).toMatchObject({ status: 400, body: { error: { code: 'bad_request', message: expect.any(String) } } });
    }
  });
});

describe('a queued event page is judged per fan, never shared', () => {
  let queued: TestEvent;
  let admitted: TestFan;
  let admission: string;

  beforeAll(async () => {
    queued = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 4 });
    await sql`update events set queue_mode = 'on' where id = ${queued.eventId}`;
    [admitted] = (await createFans(sql, 1)) as [TestFan];
    const token = await signAdmission(admissionKey(testNextAuthSecret), {
      userId: admitted.id,
      eventId: queued.eventId,
      expiresAt: Date.now() + 600_000,
    });
    admission = `${await sessionCookie(admitted)}; ${admissionCookieName(queued.eventId)}=${token}`;
    // The proxy and the route handlers each read the queued events on a timer (QUEUE_REFRESH_MS,
    // one list per bundle): wait until both have, as a change reaches every server that way.
    const island = async () => (await api(`/api/me/holds?eventId=${queued.eventId}`, {})).body as { queueRequired?: boolean };
    for (let i = 0; i < 50 && (await get(`/events/${queued.eventId}`)).status !== 307; i++) await sleep(200);
    for (let i = 0; i < 50 && !(await island()).queueRequired; i++) await sleep(200);
  });

  it('answers the admitted fan with the page and everyone else with the queue, both private, no-store', async () => {
    const page = await get(`/events/${queued.eventId}`, admission);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('private, no-store');
    for (const cookie of [undefined, cookies[0]]) {
      const away = await get(`/events/${queued.eventId}`, cookie);
      expect(away.status).toBe(307);
      expect(new URL(away.headers.get('location')!, baseUrl).pathname).toBe(`/queue/${queued.eventId}`);
      expect(away.headers.get('cache-control')).toBe('private, no-store');
    }
  });

  it('tells the page island who must queue: anyone without their own admission', async () => {
    const holds = (cookie?: string) => api(`/api/me/holds?eventId=${queued.eventId}`, { cookie });
    expect((await holds(admission)).body).toEqual({ seats: [], queueRequired: false });
    expect((await holds(cookies[0])).body).toEqual({ seats: [], queueRequired: true });
    expect((await holds()).body).toEqual({ seats: [], queueRequired: true });
    // Another fan's admission cookie does not count for this fan.
    const borrowed = `${cookies[0]}; ${admission.split('; ')[1]}`;
    expect((await holds(borrowed)).body).toEqual({ seats: [], queueRequired: true });
  });
});
