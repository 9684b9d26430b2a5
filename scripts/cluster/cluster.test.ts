import { tmpdir } from 'node:os';
import path from 'node:path';
import Pusher from 'pusher-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unpackStatuses } from '@/lib/events/availability-codec';
import { applySeatDiff, type LiveAvailability } from '@/lib/realtime/apply-seat-diff';
import type { SeatDiffMessage } from '@/lib/realtime/batch-seat-diff';
import { seatChannel, seatEventName } from '@/lib/realtime/channels';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans, type TestFan } from '@/lib/testing/factories';
import { sessionCookie } from '@/lib/testing/http';
import { holdInvariantViolations } from '@/lib/testing/invariants';
import { mulberry32, race } from '@/lib/testing/race';
import { testServerEnv, testServerPort } from '@/lib/testing/server-env';
import { admissionCookieName } from '@/lib/waiting-room/admission-token';
import { startPusherServer } from '../pusher-server/server';
import { signatureHeader } from '../stripe-standin/sign';
import { startStripeStandIn } from '../stripe-standin/server';
import { startEdge, type Edge } from './edge';
import { startInstances, type Instances } from './instances';

// Two instances of the production build behind the edge (deploy/nginx.conf on nginx), sharing
// only Postgres, Redis and a Pusher-protocol server, as `npm run start:cluster` runs them. The
// race, the payment and the waiting room are driven through the edge and through each instance
// directly, so that a fan's requests land on both.

const ports = {
  edge: testServerPort + 30,
  a: testServerPort + 31,
  b: testServerPort + 32,
  stripe: testServerPort + 33,
  pusher: testServerPort + 34,
};
const pusherKeys = { appId: 'cluster', key: 'cluster-key', secret: 'cluster-secret' };
const webhookSecret = 'whsec_cluster_test_secret';

const sql = testSql();
const cleanups: Array<() => Promise<void>> = [];
let edge: Edge;
let instances: Instances;
let A: string;
let B: string;
let E: string;

type Answer = { status: number; body: unknown; headers: Headers };
async function call(
  base: string,
  pathname: string,
  init: { method?: string; json?: unknown; cookie?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.cookie) headers.cookie = init.cookie;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${base}${pathname}`, {
    method: init.method ?? 'GET',
    headers,
    redirect: 'manual',
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body, headers: response.headers };
}

type Wire = { version: number; count: number; statuses: string };
const statusesOf = (w: Wire): LiveAvailability => ({ version: w.version, statuses: unpackStatuses(w.statuses, w.count), pending: null });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every seat diff of one event as a subscriber receives it. */
async function subscribe(eventId: string): Promise<{ messages: SeatDiffMessage[]; close: () => void }> {
  const client = new Pusher(pusherKeys.key, {
    cluster: 'mt1',
    wsHost: '127.0.0.1',
    wsPort: ports.pusher,
    forceTLS: false,
    enabledTransports: ['ws'],
    disableStats: true,
  });
  const messages: SeatDiffMessage[] = [];
  await new Promise<void>((resolve) => {
    const channel = client.subscribe(seatChannel(eventId));
    channel.bind('pusher:subscription_succeeded', () => resolve());
    channel.bind(seatEventName, (m: SeatDiffMessage) => messages.push(m));
  });
  return { messages, close: () => client.disconnect() };
}

beforeAll(async () => {
  E = `http://127.0.0.1:${ports.edge}`;
  const pusher = await startPusherServer({ port: ports.pusher, ...pusherKeys });
  cleanups.push(pusher.close);
  // Stripe delivers webhooks to the site's address: the edge.
  const stripe = await startStripeStandIn({ port: ports.stripe, webhookUrl: `${E}/api/webhooks/stripe`, webhookSecret });
  cleanups.push(stripe.close);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...testServerEnv,
    NEXTAUTH_URL: E,
    TRUSTED_PROXY_HOPS: '1',
    STRIPE_SECRET_KEY: 'sk_test_local_standin',
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    STRIPE_API_URL: stripe.url,
    PUSHER_APP_ID: pusherKeys.appId,
    PUSHER_KEY: pusherKeys.key,
    PUSHER_SECRET: pusherKeys.secret,
    PUSHER_HOST: '127.0.0.1',
    PUSHER_PORT: String(ports.pusher),
    PUSHER_USE_TLS: 'false',
  };
  instances = await startInstances({ ports: [ports.a, ports.b], env, logDir: path.resolve(import.meta.dirname, '../../.test-results') });
  cleanups.push(instances.stop);
  [A, B] = instances.list.map((i) => i.url) as [string, string];
  edge = await startEdge({
    port: ports.edge,
    dir: path.join(tmpdir(), `ticketbooth-cluster-test-${ports.edge}`),
    upstreams: [`127.0.0.1:${ports.a}`, `127.0.0.1:${ports.b}`],
  });
  cleanups.push(edge.stop);
}, 180_000);

afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
  await sql.end();
});

describe('two instances behind the edge', () => {
  it('serve the event page byte for byte alike, and the edge answers repeats from its cache', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 2, seatsPerRow: 10 });
    const page = `/events/${event.eventId}`;
    const [fromA, fromB] = await Promise.all([call(A, page), call(B, page)]);
    expect(fromA.body).toBe(fromB.body);
    const first = await call(E, page);
    const second = await call(E, page);
    expect(second.headers.get('x-cache-status')).toBe('HIT');
    expect(second.body).toBe(first.body);
    expect(first.body).toBe(fromA.body);
    // Private answers are never kept: each of these reaches an instance.
    const [fan] = await createFans(sql, 1);
    const cookie = await sessionCookie(fan!);
    for (let i = 0; i < 2; i++) {
      const me = await call(E, '/api/me', { cookie });
      expect(me.body).toEqual({ user: { name: fan!.name, email: fan!.email } });
      expect(me.headers.get('x-cache-status')).toBe('MISS');
    }
    expect((await call(E, '/api/me')).body).toEqual({ user: null });
  });

  it('race: 300 holds over both instances and the edge, no seat held twice, every diff in order on the shared channel', async () => {
    const event = await createEvent(sql, { sections: 2, rows: 3, seatsPerRow: 10 });
    const feed = await subscribe(event.eventId);
    const initial = statusesOf((await call(A, `/api/events/${event.eventId}/availability`)).body as Wire);
    const fans = await createFans(sql, 60);
    const cookies = await Promise.all(fans.map(sessionCookie));
    const random = mulberry32(12);
    const doors = [E, A, B];
    const attempts = Array.from({ length: 300 }, (_, i) => {
      const size = 1 + Math.floor(random() * 3);
      const start = Math.floor(random() * (event.ticketIds.length - size));
      return { base: doors[i % 3]!, fan: i % fans.length, ticketIds: event.ticketIds.slice(start, start + size) };
    });
    const outcome = await race(
      attempts.map(
        (a) => () =>
          call(a.base, '/api/reservations', {
            method: 'POST',
            cookie: cookies[a.fan],
            json: { eventId: event.eventId, ticketIds: a.ticketIds },
          }),
      ),
    );
    const answers = outcome.results.map((r) => {
      if (!r.ok) throw r.error;
      return r.value;
    });
    console.log(
      `[cluster] 300 holds over 2 instances: ${outcome.perSecond.toFixed(0)}/s, p50 ${outcome.p50.toFixed(1)} ms, p99 ${outcome.p99.toFixed(1)} ms`,
    );
    expect(answers.every((a) => a.status === 201 || a.status === 409 || a.status === 422)).toBe(true);
    const wins = answers.flatMap((a, i) =>
      a.status === 201 ? [{ id: (a.body as { reservationId: string }).reservationId, attempt: attempts[i]! }] : [],
    );
    expect(wins.length).toBeGreaterThan(0);
    // Every door won some: the instances really did race each other.
    for (const door of doors) expect(wins.some((w) => w.attempt.base === door)).toBe(true);
    expect(await holdInvariantViolations(sql, event.eventId)).toEqual([]);
    for (const win of wins) {
      const held = await sql`select id from tickets where hold_id = ${win.id} and status = 'reserved' order by id`;
      expect(held.map((t) => t.id)).toEqual([...win.attempt.ticketIds].sort());
    }

    // Each win bumped the seat version once, and whichever instance committed it, the diff
    // reached the one channel: versions 1..n, none missing, none twice.
    const [{ seat_version: finalVersion }] = (await sql`select seat_version from events where id = ${event.eventId}`) as unknown as [
      { seat_version: string },
    ];
    expect(Number(finalVersion)).toBe(initial.version + wins.length);
    await expect.poll(() => feed.messages.length, { timeout: 5_000 }).toBe(wins.length);
    feed.close();
    const versions = feed.messages.map((m) => m.version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: wins.length }, (_, i) => initial.version + i + 1));
    let state = initial;
    for (const message of [...feed.messages].sort((a, b) => a.version - b.version)) {
      const applied = applySeatDiff(state, message);
      expect(applied.kind).toBe('applied');
      if (applied.kind === 'applied') state = applied.state;
    }
    // The map a fan patched from diffs agrees with a fresh read from either instance or the edge.
    for (const base of [A, B, E]) {
      await expect
        .poll(
          async () => {
            const read = statusesOf((await call(base, `/api/events/${event.eventId}/availability`)).body as Wire);
            return `${read.version}:${[...read.statuses].join('')}`;
          },
          { timeout: 2_000, interval: 50 },
        )
        .toBe(`${state.version}:${[...state.statuses].join('')}`);
    }
  });

  it('availability behind the edge is never more than a second behind a hold', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 20 });
    const fans = await createFans(sql, 20);
    const url = `/api/events/${event.eventId}/availability`;
    const lags: number[] = [];
    for (let seat = 0; seat < 12; seat++) {
      // A copy in the edge's cache, then a hold at some moment of its half second.
      await call(E, url);
      await sleep(Math.floor(Math.random() * 500));
      const sent = performance.now();
      const held = await call(seat % 2 ? A : B, '/api/reservations', {
        method: 'POST',
        cookie: await sessionCookie(fans[seat]!),
        json: { eventId: event.eventId, ticketIds: [event.ticketIds[seat]] },
      });
      expect(held.status).toBe(201);
      for (;;) {
        const read = statusesOf((await call(E, url)).body as Wire);
        if (read.statuses[seat] === 1) break;
        if (performance.now() - sent > 5_000) throw new Error(`seat ${seat} never showed as held behind the edge`);
        await sleep(5);
      }
      // From the moment the hold was asked for (its commit is somewhat later): an upper bound.
      lags.push(performance.now() - sent);
    }
    const worst = Math.max(...lags);
    const sorted = [...lags].sort((a, b) => a - b);
    console.log(
      `[cluster] availability behind the edge after a hold (from the hold's request): median ${sorted[6]!.toFixed(0)} ms, worst ${worst.toFixed(0)} ms of ${lags.length}`,
    );
    expect(worst).toBeLessThan(1_000);
  });

  it('a payment started on one instance and confirmed on all three doors at once is taken once', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 4 });
    const [fan] = await createFans(sql, 1);
    const cookie = await sessionCookie(fan!);
    const ticketIds = event.ticketIds.slice(0, 2);
    const hold = await call(A, '/api/reservations', { method: 'POST', cookie, json: { eventId: event.eventId, ticketIds } });
    expect(hold.status).toBe(201);
    const { reservationId } = hold.body as { reservationId: string };
    const started = await call(B, `/api/bookings/${reservationId}`, { method: 'POST', cookie, json: {} });
    expect(started.status).toBe(200);
    const { bookingId } = started.body as { bookingId: string };
    // The same open checkout whichever instance is asked again.
    expect((await call(E, `/api/bookings/${reservationId}`, { method: 'POST', cookie, json: {} })).body).toEqual(started.body);
    const [{ stripe_session_id: sessionId }] = (await sql`select stripe_session_id from bookings where id = ${bookingId}`) as unknown as [
      { stripe_session_id: string },
    ];

    // Paid on the stand-in's side; then the webhook (to the edge and to each instance, as a
    // retried delivery could land) and the fan's return to the site, all at once.
    const paid = await fetch(`http://127.0.0.1:${ports.stripe}/_standin/checkout/sessions/${sessionId}/pay?deliver=0`, { method: 'POST' });
    expect(paid.ok).toBe(true);
    const { event: stripeEvent } = (await paid.json()) as { event: unknown };
    const payload = JSON.stringify(stripeEvent);
    const deliveries = [E, A, B].map((base) =>
      fetch(`${base}/api/webhooks/stripe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': signatureHeader(payload, webhookSecret) },
        body: payload,
      }),
    );
    const returns = [A, B].map((base) => call(base, `/bookings/${bookingId}?session_id=${sessionId}`, { cookie }));
    const [hooks, pages] = await Promise.all([Promise.all(deliveries), Promise.all(returns)]);
    expect(hooks.map((h) => h.status).every((s) => s === 200)).toBe(true);
    expect(pages.map((p) => p.status)).toEqual([200, 200]);

    const [booking] = await sql`select status from bookings where id = ${bookingId}`;
    expect(booking!.status).toBe('confirmed');
    const tickets = await sql`select status, booking_id from tickets where id = any(${ticketIds}::uuid[])`;
    expect(tickets.map((t) => [t.status, t.booking_id])).toEqual([
      ['sold', bookingId],
      ['sold', bookingId],
    ]);
    const sold = await sql`select count(*)::int as n from sold_tickets where ticket_id = any(${ticketIds}::uuid[])`;
    expect(sold[0]!.n).toBe(2);
    expect(await sql`select id from bookings where reservation_id = ${reservationId}`).toHaveLength(1);
  });

  it('queue admission holds whichever instance a fan reaches, and a queued page is never shared by the edge', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 10 });
    await sql`update events set queue_mode = 'on', queue_outflow_per_minute = 1 where id = ${event.eventId}`;
    const [first, second] = (await createFans(sql, 2)) as [TestFan, TestFan];
    const [c1, c2] = await Promise.all([sessionCookie(first), sessionCookie(second)]);
    const page = `/events/${event.eventId}`;
    // Each module instance (the proxy's, each route's) of each instance re-reads the queued events
    // on its own timer (QUEUE_REFRESH_MS, 500 ms here): wait until both proxies have, then one
    // more interval for the routes.
    for (const base of [A, B]) await expect.poll(async () => (await call(base, page)).status, { timeout: 10_000 }).toBe(307);
    await sleep(1_000);

    // Joined on A, the same place on B: the queue lives in Redis.
    expect((await call(A, `/api/queue/${event.eventId}`, { cookie: c1 })).body).toMatchObject({ status: { state: 'admitted' } });
    expect((await call(A, `/api/queue/${event.eventId}`, { cookie: c2 })).body).toMatchObject({
      status: { state: 'waiting', position: 1 },
    });
    expect((await call(B, `/api/queue/${event.eventId}`, { cookie: c2 })).body).toMatchObject({
      status: { state: 'waiting', position: 1 },
    });
    expect((await call(B, `/api/queue/${event.eventId}`, { cookie: c1 })).body).toMatchObject({ status: { state: 'admitted' } });

    // Admitted on B; the admission works on A and through the edge.
    const entered = await call(B, `/queue/${event.eventId}/enter`, { cookie: c1 });
    expect(entered.status).toBe(303);
    const name = admissionCookieName(event.eventId);
    const token = new RegExp(`${name}=([^;]+)`).exec(entered.headers.get('set-cookie') ?? '')?.[1];
    expect(token).toBeTruthy();
    const admitted = `${c1}; ${name}=${token}`;
    expect((await call(A, page, { cookie: admitted })).status).toBe(200);
    for (let i = 0; i < 3; i++) {
      const throughEdge = await call(E, page, { cookie: admitted });
      expect(throughEdge.status).toBe(200);
      expect(throughEdge.headers.get('cache-control')).toBe('private, no-store');
      expect(throughEdge.headers.get('x-cache-status')).not.toBe('HIT');
      // Right after an admitted fan, the others still go to the queue: nothing was kept for them.
      for (const cookie of [undefined, c2]) expect((await call(E, page, { cookie })).status).toBe(307);
    }
    const held = await call(E, '/api/reservations', {
      method: 'POST',
      cookie: admitted,
      json: { eventId: event.eventId, ticketIds: event.ticketIds.slice(0, 1) },
    });
    expect(held.status).toBe(201);
    const refused = await call(A, '/api/reservations', {
      method: 'POST',
      cookie: c2,
      json: { eventId: event.eventId, ticketIds: event.ticketIds.slice(1, 2) },
    });
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'queue_required' } } });
  });

  it('a page the edge kept from before the queue opened is gone within seconds, and meanwhile the fan is told to queue', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 4 });
    const page = `/events/${event.eventId}`;
    await call(E, page);
    expect((await call(E, page)).headers.get('x-cache-status')).toBe('HIT');
    const [fan] = await createFans(sql, 1);
    const cookie = await sessionCookie(fan!);

    await sql`update events set queue_mode = 'on' where id = ${event.eventId}`;
    const opened = performance.now();
    let toldToQueue: number | null = null;
    let sentToQueue: number | null = null;
    while (sentToQueue === null) {
      if (toldToQueue === null) {
        const mine = await call(E, `/api/me/holds?eventId=${event.eventId}`, { cookie });
        if ((mine.body as { queueRequired?: boolean }).queueRequired) toldToQueue = performance.now() - opened;
      }
      if ((await call(E, page, { cookie })).status === 307) sentToQueue = performance.now() - opened;
      else if (performance.now() - opened > 15_000) throw new Error('the edge kept serving the page of a queued event');
      else await sleep(100);
    }
    console.log(
      `[cluster] queue opened: the page's private check said so after ${toldToQueue?.toFixed(0)} ms; the edge stopped serving its copy after ${sentToQueue.toFixed(0)} ms`,
    );
    // QUEUE_REFRESH_MS (0.5 s here) for the private check; s-maxage 2 + stale 3, rounded up to
    // nginx's whole seconds, plus the refresh, for the page.
    expect(toldToQueue).not.toBeNull();
    expect(toldToQueue!).toBeLessThan(2_000);
    expect(sentToQueue).toBeLessThan(8_000);
  });
});
