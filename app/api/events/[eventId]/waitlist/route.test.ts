import { randomUUID } from 'node:crypto';
import PusherClient from 'pusher-js';
import { afterAll, describe, expect, it } from 'vitest';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans, type TestFan } from '@/lib/testing/factories';
import { api, sessionCookie } from '@/lib/testing/http';
import { testStandInPorts } from '@/lib/testing/server-env';

// The waitlist's door over HTTP against the test server: session, strict input, body cap, and
// nothing of one fan's entry or offer reachable by another.
const sql = testSql();
afterAll(() => sql.end());

async function soldOutEvent(seats = 2) {
  const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: seats });
  const [holder] = await createFans(sql, 1);
  const cookie = await sessionCookie(holder!);
  const hold = await api('/api/reservations', { method: 'POST', cookie, json: { eventId: event.eventId, ticketIds: event.ticketIds } });
  expect(hold.status).toBe(201);
  return { event, holderCookie: cookie, reservationId: (hold.body as { reservationId: string }).reservationId };
}

const entries = (eventId: string) =>
  sql`select user_id, status, quantity, max_price_minor from waitlist_entries where event_id = ${eventId} order by position`;

describe('POST/GET/DELETE /api/events/{id}/waitlist', () => {
  it('needs a session, parses strictly, caps the body, and changes nothing on bad input', async () => {
    const { event } = await soldOutEvent();
    const [fan] = await createFans(sql, 1);
    const cookie = await sessionCookie(fan!);
    const path = `/api/events/${event.eventId}/waitlist`;

    expect((await api(path, { method: 'POST', json: { quantity: 1, maxPrice: 9_000 } })).status).toBe(401);
    expect((await api(path)).status).toBe(401);
    expect((await api(path, { method: 'DELETE' })).status).toBe(401);
    const bad: Array<[unknown, number]> = [
      [{ quantity: '1', maxPrice: 9_000 }, 422],
      [{ quantity: 1, maxPrice: '9000' }, 422],
      [{ quantity: true, maxPrice: 9_000 }, 422],
      [{ quantity: 0, maxPrice: 9_000 }, 422],
      [{ quantity: 9, maxPrice: 9_000 }, 422],
      [{ quantity: 1.5, maxPrice: 9_000 }, 422],
      [{ quantity: 1, maxPrice: -1 }, 422],
      [{ quantity: 1, maxPrice: 9_000, userId: randomUUID() }, 422],
      [{ quantity: 1, maxPrice: 9_000, section: '' }, 422],
      [{ quantity: 1, maxPrice: 9_000, section: 'Nope' }, 422],
      [[1, 9_000], 400],
      [null, 400],
    ];
    for (const [json, status] of bad) {
      const res = await api(path, { method: 'POST', cookie, json });
      expect(res.status, JSON.stringify(json)).toBe(status);
      expect(res.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    }
    expect((await api(path, { method: 'POST', cookie, rawBody: '{"quantity":1,', contentType: 'application/json' })).status).toBe(400);
    expect(
      (await api(path, { method: 'POST', cookie, rawBody: 'quantity=1', contentType: 'application/x-www-form-urlencoded' })).status,
    ).toBe(400);
    const huge = JSON.stringify({ quantity: 1, maxPrice: 9_000, section: 'x'.repeat(70_000) });
    expect((await api(path, { method: 'POST', cookie, rawBody: huge })).status).toBe(413);
    expect((await api(`/api/events/not-a-uuid/waitlist`, { method: 'POST', cookie, json: { quantity: 1, maxPrice: 1 } })).status).toBe(404);
    expect(await entries(event.eventId)).toHaveLength(0);

    const joined = await api(path, { method: 'POST', cookie, json: { quantity: 2, maxPrice: 9_000 } });
    expect(joined.status).toBe(201);
    expect(joined.body).toMatchObject({ entry: { status: 'waiting', quantity: 2, maxPrice: 9_000, ahead: 0, offer: null } });
    expect((await api(path, { method: 'POST', cookie, json: { quantity: 1, maxPrice: 9_000 } })).status).toBe(409);
    const got = await api(path, { cookie });
    expect(got.headers.get('cache-control')).toContain('no-store');
    expect(got.body).toMatchObject({ entry: { status: 'waiting' } });
    expect((await api(path, { method: 'DELETE', cookie })).status).toBe(200);
    expect((await api(path, { method: 'DELETE', cookie })).status).toBe(404);
    expect((await entries(event.eventId)).map((e) => e.status)).toEqual(['left']);
  });

  it('limits how often one fan may join and leave (429 with Retry-After), before reading the body', async () => {
    const { event } = await soldOutEvent();
    const [fan] = await createFans(sql, 1);
    const cookie = await sessionCookie(fan!);
    const path = `/api/events/${event.eventId}/waitlist`;
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => api(path, { method: 'POST', cookie, json: { quantity: 0, maxPrice: 1 } })),
    );
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(10);
    expect(answers.filter((a) => a.status === 422).length).toBeLessThanOrEqual(30);
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await entries(event.eventId)).toHaveLength(0);
  });

  it('behind a waiting room, lets only an admitted fan join (403 queue_required)', async () => {
    const { event } = await soldOutEvent();
    await sql`update events set queue_mode = 'on' where id = ${event.eventId}`;
    const [fan] = await createFans(sql, 1);
    const cookie = await sessionCookie(fan!);
    // Servers re-read which events are queued every QUEUE_REFRESH_MS (500 ms for the test server).
    await new Promise((r) => setTimeout(r, 1_200));
    const res = await api(`/api/events/${event.eventId}/waitlist`, { method: 'POST', cookie, json: { quantity: 1, maxPrice: 9_000 } });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'queue_required' } });
    expect(await entries(event.eventId)).toHaveLength(0);
  });

  it('refuses a fan while seats that fit are on sale', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 2 });
    const [fan] = await createFans(sql, 1);
    const res = await api(`/api/events/${event.eventId}/waitlist`, {
      method: 'POST',
      cookie: await sessionCookie(fan!),
      json: { quantity: 1, maxPrice: 9_000 },
    });
    expect(res.status).toBe(409);
    expect(await entries(event.eventId)).toHaveLength(0);
  });

  it("keeps every fan's entry and offer their own", async () => {
    const { event, holderCookie, reservationId } = await soldOutEvent();
    const [owner, other] = await createFans(sql, 2);
    const ownerCookie = await sessionCookie(owner!);
    const otherCookie = await sessionCookie(other!);
    const path = `/api/events/${event.eventId}/waitlist`;
    expect((await api(path, { method: 'POST', cookie: ownerCookie, json: { quantity: 2, maxPrice: 9_000 } })).status).toBe(201);

    // Seats come free: the owner gets the offer.
    expect((await api(`/api/reservations/${reservationId}`, { method: 'DELETE', cookie: holderCookie })).status).toBe(200);
    const offer = await waitForOffer(ownerCookie, path);

    // The other fan sees no entry of theirs, cannot leave the owner's, read or release the
    // offer's hold, pay for it, or listen on the owner's channel.
    expect((await api(path, { cookie: otherCookie })).body).toEqual({ entry: null });
    expect((await api(path, { method: 'DELETE', cookie: otherCookie })).status).toBe(404);
    expect((await api('/api/me/waitlist', { cookie: otherCookie })).body).toMatchObject({ offers: [], waiting: 0 });
    expect((await api(`/api/reservations/${offer}`, { cookie: otherCookie })).status).toBe(404);
    expect((await api(`/api/reservations/${offer}`, { method: 'DELETE', cookie: otherCookie })).status).toBe(404);
    expect((await api(`/api/bookings/${offer}`, { method: 'POST', cookie: otherCookie, json: {} })).status).toBe(404);
    const channelAuth = (cookie: string | undefined, fan: TestFan) =>
      api('/api/realtime/auth', {
        method: 'POST',
        cookie,
        rawBody: `socket_id=123.456&channel_name=private-fan-${fan.id}`,
        contentType: 'application/x-www-form-urlencoded',
      });
    expect((await channelAuth(otherCookie, owner!)).status).toBe(403);
    expect((await channelAuth(undefined, owner!)).status).toBe(401);
    const own = await channelAuth(ownerCookie, owner!);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ auth: expect.stringMatching(/^[^:]+:[0-9a-f]{64}$/) });
    const [r] = await sql`select user_id, status from reservations where id = ${offer}`;
    expect(r).toMatchObject({ user_id: owner!.id, status: 'active' });

    // The owner sees it on the banner's endpoint, and mail went to them only.
    expect((await api('/api/me/waitlist', { cookie: ownerCookie })).body).toMatchObject({
      offers: [{ reservationId: offer, seats: 2 }],
      channel: `private-fan-${owner!.id}`,
    });
    const mail = await sql`select "to" from dev_mail where text like ${`%/reservations/${offer}%`}`;
    expect(mail.map((m) => m.to)).toEqual([owner!.email]);
  });
});

describe("the offer on the fan's private channel", () => {
  it("reaches the fan through the site's channel auth, and no other fan may listen", async () => {
    const { event, holderCookie, reservationId } = await soldOutEvent();
    const [owner, other] = await createFans(sql, 2);
    const ownerCookie = await sessionCookie(owner!);
    const otherCookie = await sessionCookie(other!);
    const listen = (cookie: string) =>
      new PusherClient('local-key', {
        cluster: 'mt1',
        wsHost: '127.0.0.1',
        wsPort: testStandInPorts.pusher,
        forceTLS: false,
        enabledTransports: ['ws'],
        channelAuthorization: {
          endpoint: '/api/realtime/auth',
          transport: 'ajax',
          customHandler: ({ socketId, channelName }, callback) => {
            void api('/api/realtime/auth', {
              method: 'POST',
              cookie,
              rawBody: `socket_id=${socketId}&channel_name=${channelName}`,
              contentType: 'application/x-www-form-urlencoded',
            }).then((res) =>
              res.status === 200 ? callback(null, res.body as { auth: string }) : callback(new Error(`auth ${res.status}`), null),
            );
          },
        },
      });
    const ownerClient = listen(ownerCookie);
    const otherClient = listen(otherCookie);
    try {
      const mine = ownerClient.subscribe(`private-fan-${owner!.id}`);
      await new Promise<void>((resolve) => mine.bind('pusher:subscription_succeeded', () => resolve()));
      const theirs = otherClient.subscribe(`private-fan-${owner!.id}`);
      await new Promise<void>((resolve) => theirs.bind('pusher:subscription_error', () => resolve()));
      const heard = new Promise<{ eventId: string; reservationId: string }>((resolve) => mine.bind('waitlist-offer', resolve));

      const path = `/api/events/${event.eventId}/waitlist`;
      expect((await api(path, { method: 'POST', cookie: ownerCookie, json: { quantity: 1, maxPrice: 9_000 } })).status).toBe(201);
      expect((await api(`/api/reservations/${reservationId}`, { method: 'DELETE', cookie: holderCookie })).status).toBe(200);
      const message = await heard;
      expect(message.eventId).toBe(event.eventId);
      expect(message.reservationId).toBe(await waitForOffer(ownerCookie, path));
    } finally {
      ownerClient.disconnect();
      otherClient.disconnect();
    }
  });
});

async function waitForOffer(cookie: string, path: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const res = await api(path, { cookie });
    const offer = (res.body as { entry: { offer: { reservationId: string } | null } | null }).entry?.offer;
    if (offer) return offer.reservationId;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no offer was made');
}
