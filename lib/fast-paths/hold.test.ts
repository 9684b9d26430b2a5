import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSql } from '@/lib/testing/db';
import { startExtraServer, type ExtraServer } from '@/lib/testing/extra-server';
import { createEvent, createFans, type TestEvent } from '@/lib/testing/factories';
import { baseUrl, sessionCookie } from '@/lib/testing/http';
import { testServerPort } from '@/lib/testing/server-env';

// The hold doors answered on Node's socket (lib/fast-paths/hold.ts, the test server runs
// scripts/serve.mjs as `npm start` does) must answer every request exactly as Next's own route
// handlers do (a second instance with FAST_PATHS=0), good and bad alike.
const sql = testSql();
let next: ExtraServer;
let event: TestEvent;

beforeAll(async () => {
  next = await startExtraServer(testServerPort + 23, { FAST_PATHS: '0' });
  event = await createEvent(sql, { sections: 2, rows: 4, seatsPerRow: 10 });
}, 90_000);
afterAll(async () => {
  await next?.stop();
  await sql.end();
});

type Answer = { status: number; headers: Record<string, string>; body: string; vary: string | null };
// Connection details and Next's RSC `vary` differ by pipeline, not by answer.
const transport = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'vary']);

async function send(base: string, path: string, init: RequestInit): Promise<Answer> {
  // A request that hangs fails alone, naming its server and path, instead of timing out the test.
  const response = await fetch(`${base}${path}`, { method: 'POST', signal: AbortSignal.timeout(15_000), ...init }).catch(
    (error: unknown) => {
      throw new Error(`POST ${base}${path}: ${(error as Error).message}`);
    },
  );
  const headers = Object.fromEntries([...response.headers].filter(([name]) => !transport.has(name)));
  return { status: response.status, headers, body: await response.text(), vary: response.headers.get('vary') };
}

/** The same request to both; `init` is called once per server (a fresh fan or body each time). */
async function both(path: string, init: () => RequestInit | Promise<RequestInit>): Promise<[Answer, Answer]> {
  return [await send(baseUrl, path, await init()), await send(next.url, path, await init())];
}

const fanCookie = async () => sessionCookie((await createFans(sql, 1))[0]!);
const jsonInit = async (body: unknown, cookie?: string): Promise<RequestInit> => ({
  headers: { 'content-type': 'application/json', cookie: cookie ?? (await fanCookie()) },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

async function snapshot(eventId: string): Promise<string> {
  const tickets = await sql`select id, status, hold_id from tickets where event_id = ${eventId} order by id`;
  const reservations = await sql`select id, status from reservations where event_id = ${eventId} order by id`;
  return JSON.stringify({ tickets, reservations });
}

describe('the hold fast path answers as Next does', () => {
  it('is what answers under npm start: no RSC vary header, which every Next answer carries', async () => {
    const [fast, viaNext] = await both('/api/reservations', () => ({}));
    expect(fast.status).toBe(401);
    expect(fast.vary).toBeNull();
    expect(viaNext.vary).toContain('rsc');
  });

  it('gives every bad request the same status, headers and body, and changes nothing', async () => {
    const reserve = '/api/reservations';
    const best = `/api/events/${event.eventId}/best-available`;
    const cases: [string, string, () => Promise<RequestInit>][] = [
      ['no session', reserve, async () => ({ headers: { 'content-type': 'application/json' }, body: '{}' })],
      ['forged session', reserve, async () => jsonInit({}, 'next-auth.session-token=abc.def.ghi.jkl.mno')],
      [
        'a session next-auth split in chunks',
        reserve,
        async () => jsonInit({}, 'next-auth.session-token.0=abc; next-auth.session-token.1=def'),
      ],
      [
        'text/plain',
        reserve,
        async () => ({ ...(await jsonInit('{}')), headers: { 'content-type': 'text/plain', cookie: await fanCookie() } }),
      ],
      [
        'JSON named in a parameter only',
        reserve,
        async () => ({
          ...(await jsonInit('{}')),
          headers: { 'content-type': 'text/plain; x=application/json', cookie: await fanCookie() },
        }),
      ],
      ['not JSON', reserve, () => jsonInit('{"eventId":')],
      ['not UTF-8', reserve, async () => ({ ...(await jsonInit('')), body: new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]) })],
      ['an array', reserve, () => jsonInit([])],
      ['a bad event id', reserve, () => jsonInit({ eventId: 'nope', ticketIds: [event.ticketIds[0]] })],
      ['no tickets', reserve, () => jsonInit({ eventId: event.eventId, ticketIds: [] })],
      [
        'tickets that do not exist',
        reserve,
        () => jsonInit({ eventId: event.eventId, ticketIds: ['6b1f0e56-8f0a-4a5e-9d43-0c8e2a1b7d11'] }),
      ],
      ['nine tickets', reserve, () => jsonInit({ eventId: event.eventId, ticketIds: event.ticketIds.slice(0, 9) })],
      ['a query string', `${reserve}?eventId=${event.eventId}`, () => jsonInit({ ticketIds: [event.ticketIds[0]] })],
      [
        'a server action header',
        reserve,
        async () => ({ ...(await jsonInit({})), headers: { 'content-type': 'application/json', 'next-action': 'x' } }),
      ],
      ['best: no session', best, async () => ({ headers: { 'content-type': 'application/json' }, body: '{"quantity":2}' })],
      ['best: an event id in the body', best, () => jsonInit({ quantity: 2, eventId: event.eventId })],
      ['best: quantity 0', best, () => jsonInit({ quantity: 0 })],
      ['best: quantity nine', best, () => jsonInit({ quantity: 9 })],
      ['best: prices upside down', best, () => jsonInit({ quantity: 2, minPrice: 9000, maxPrice: 1000 })],
      ['best: a string', best, () => jsonInit('"two"')],
      ['best: an event that does not exist', `/api/events/${randomUUID()}/best-available`, () => jsonInit({ quantity: 2 })],
      [
        'best: an upper-case event id that does not exist',
        `/api/events/${randomUUID().toUpperCase()}/best-available`,
        () => jsonInit({ quantity: 2 }),
      ],
    ];
    const before = await snapshot(event.eventId);
    for (const [name, path, init] of cases) {
      const [fast, viaNext] = await both(path, init).catch((error: unknown) => {
        throw new Error(`${name}: ${(error as Error).message}`);
      });
      expect({ name, ...fast, vary: null }).toEqual({ name, ...viaNext, vary: null });
      expect(fast.status >= 400 && fast.status < 500, `${name}: ${fast.status}`).toBe(true);
    }
    expect(await snapshot(event.eventId)).toBe(before);
  }, 120_000);

  it('refuses an oversized body, declared or chunked, with the same 413', async () => {
    // Each on a connection of its own: Next stops reading an oversized body and leaves the rest
    // on a kept-alive socket, where it held up the next request now and then (ours drains it).
    const oversized = async (base: string, chunkedBody: boolean) => {
      const cookie = await fanCookie();
      return new Promise<Answer>((resolve, reject) => {
        const headers: Record<string, string> = { 'content-type': 'application/json', cookie, connection: 'close' };
        if (!chunkedBody) headers['content-length'] = String(70 * 1024);
        const request = httpRequest(`${base}/api/reservations`, { method: 'POST', headers, agent: false }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () => {
            const kept = Object.entries(response.headers).filter(([name]) => !transport.has(name));
            resolve({
              status: response.statusCode ?? 0,
              headers: Object.fromEntries(kept.map(([k, v]) => [k, String(v)])),
              body: Buffer.concat(chunks).toString(),
              vary: null,
            });
          });
        });
        request.on('error', (error) =>
          error.message.includes('EPIPE') || error.message.includes('ECONNRESET') ? undefined : reject(error),
        );
        if (chunkedBody) for (let i = 0; i < 20; i++) request.write(' '.repeat(4096));
        else request.write(' '.repeat(70 * 1024));
        request.end();
      });
    };
    for (const chunkedBody of [false, true]) {
      const [fast, viaNext] = [await oversized(baseUrl, chunkedBody), await oversized(next.url, chunkedBody)];
      expect(fast.status, chunkedBody ? 'chunked' : 'declared').toBe(413);
      expect(fast).toEqual(viaNext);
    }
  });

  it('holds, refuses taken seats and the ticket limit, and picks best available, with the same answers', async () => {
    const [a, b] = [event.ticketIds[0]!, event.ticketIds[1]!];
    const shape = (answer: Answer) => ({
      ...answer,
      vary: null,
      headers: { ...answer.headers, location: answer.headers.location?.replace(/[0-9a-f-]{36}$/, '<id>') },
      body: answer.body.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<uuid>').replace(/"expiresAt":"[^"]+"/, '"expiresAt":"<time>"'),
    });
    const fast = await send(baseUrl, '/api/reservations', await jsonInit({ eventId: event.eventId, ticketIds: [a] }));
    const viaNext = await send(next.url, '/api/reservations', await jsonInit({ eventId: event.eventId, ticketIds: [b] }));
    expect(fast.status).toBe(201);
    expect(shape(fast)).toEqual(shape(viaNext));

    const takenFast = await send(baseUrl, '/api/reservations', await jsonInit({ eventId: event.eventId, ticketIds: [b] }));
    const takenNext = await send(next.url, '/api/reservations', await jsonInit({ eventId: event.eventId, ticketIds: [a] }));
    expect(takenFast.status).toBe(409);
    expect(shape(takenFast)).toEqual(shape(takenNext));

    // One fan, eight seats held: a ninth is over the limit through either door.
    const cookie = await fanCookie();
    const eight = await send(
      baseUrl,
      '/api/reservations',
      await jsonInit({ eventId: event.eventId, ticketIds: event.ticketIds.slice(10, 18) }, cookie),
    );
    expect(eight.status).toBe(201);
    const [overFast, overNext] = await both('/api/reservations', () =>
      jsonInit({ eventId: event.eventId, ticketIds: [event.ticketIds[20]] }, cookie),
    );
    expect(overFast.status).toBe(422);
    expect(overFast).toEqual({ ...overNext, vary: null });

    const [bestFast, bestNext] = await both(`/api/events/${event.eventId}/best-available`, () => jsonInit({ quantity: 2 }));
    expect(bestFast.status).toBe(201);
    expect(shape(bestFast)).toEqual(shape(bestNext));
    expect((JSON.parse(bestFast.body) as { ticketIds: string[] }).ticketIds).toHaveLength(2);

    // Nothing was held twice: every seat held belongs to exactly one live hold.
    const [row] = await sql<{ twice: number }[]>`
      select count(*)::int as twice from (
        select rt.ticket_id from reservation_tickets rt join reservations r on r.id = rt.reservation_id
        where r.event_id = ${event.eventId} and r.status = 'active' group by rt.ticket_id having count(*) > 1) x`;
    expect(row!.twice).toBe(0);
  });

  it('rate-limits alike: the 21st hold in five seconds is a 429 with Retry-After', async () => {
    const flood = async (base: string) => {
      const cookie = await fanCookie();
      const answers: Answer[] = [];
      for (let i = 0; i < 21; i++) answers.push(await send(base, '/api/reservations', await jsonInit({ eventId: 'nope' }, cookie)));
      return answers;
    };
    const [fast, viaNext] = [await flood(baseUrl), await flood(next.url)];
    expect(fast.map((a) => a.status)).toEqual(viaNext.map((a) => a.status));
    expect(fast.at(-1)!.status).toBe(429);
    expect(fast.at(-1)!.headers['retry-after']).toBeDefined();
    expect({ ...fast.at(-1)!, vary: null }).toEqual({ ...viaNext.at(-1)!, vary: null });
  });

  it('starts no hold for a client that leaves halfway through its body, and keeps answering', async () => {
    const before = await snapshot(event.eventId);
    const cookie = await fanCookie();
    const body = JSON.stringify({ eventId: event.eventId, ticketIds: [event.ticketIds[30]] });
    const { port } = new URL(baseUrl);
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          `POST /api/reservations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nCookie: ${cookie}\r\n` +
            `Content-Length: ${body.length}\r\n\r\n${body.slice(0, 20)}`,
        );
        setTimeout(() => socket.destroy(), 100);
      });
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(await snapshot(event.eventId)).toBe(before);
    const [after] = await both('/api/reservations', () => ({}));
    expect(after.status).toBe(401);
  });

  it('answers 413 to a chunked body that does not end, then cuts it off', async () => {
    const cookie = await fanCookie();
    const { port } = new URL(baseUrl);
    const limit = 16 * 1024 * 1024;
    const result = await new Promise<{ response: string; sent: number }>((resolve) => {
      let response = '';
      let sent = 0;
      let closed = false;
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          `POST /api/reservations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nCookie: ${cookie}\r\n` +
            'Transfer-Encoding: chunked\r\n\r\n',
        );
        const chunk = `10000\r\n${' '.repeat(0x10000)}\r\n`;
        void (async () => {
          while (!closed && sent < limit) {
            if (!socket.write(chunk)) await new Promise((r) => socket.once('drain', r).once('close', r));
            sent += 0x10000;
          }
          socket.destroy();
        })();
      });
      socket.on('data', (data: Buffer) => (response += data.toString()));
      socket.on('error', () => {});
      socket.on('close', () => {
        closed = true;
        resolve({ response, sent });
      });
    });
    expect(result.response).toMatch(/^HTTP\/1\.1 413/);
    expect(result.sent).toBeLessThan(limit);
  });
});
