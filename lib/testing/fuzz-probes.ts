import { randomUUID } from 'node:crypto';
import { signatureHeader } from '@/scripts/stripe-standin/sign';
import type { TestEvent } from './factories';
import { baseUrl } from './http';
import { builtActions, callAction, pageUrl } from './server-actions';
import { webhookSecret } from './stripe';

// The bad requests of lib/security/fuzz.test.ts (issue 10): every endpoint, page and action, with
// forged, repeated, encoded, malformed and oversized input, as the signed-in fan `cookie` names
// (or nobody) against `event`.
export type Probe = { name: string; send: () => Promise<Response | { status: number }> };

const badIds = [
  '',
  'x',
  'null',
  '-1',
  '0',
  '%00',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  "'%20OR%201=1--",
  'A'.repeat(3000),
  '00000000-0000-0000-0000-000000000000',
  '%F0%9F%8E%9F',
  '%E0%A4%A',
  '%7B%7B7*7%7D%7D',
  '%3Cscript%3E',
  '123e4567-e89b-12d3-a456-42661417400G',
];

const bigString = 'x'.repeat(200_000);
const weird = [null, true, false, 0, -1, 1.5, 1e308, 'NaN', '', ' ', '\u0000', 'x'.repeat(10_000), [], {}, [null], { $gt: '' }];

function request(
  method: string,
  path: string,
  init: { body?: string | Uint8Array; type?: string; cookie?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.type) headers['content-type'] = init.type;
  if (init.cookie) headers.cookie = init.cookie;
  return () => fetch(`${baseUrl}${path}`, { method, redirect: 'manual', headers, body: init.body as BodyInit | undefined });
}

export function fuzzProbes(event: TestEvent, cookie: string): Probe[] {
  const json = (method: string, path: string, body: unknown, withCookie = true) =>
    request(method, path, { body: JSON.stringify(body), type: 'application/json', cookie: withCookie ? cookie : undefined });
  const list: Probe[] = [];
  const add = (name: string, send: Probe['send']) => list.push({ name, send });
  const ticket = event.ticketIds[0]!;

  // Dynamic segments of every route, with and without a session.
  const routes = ['/api/events/', '/api/events/{}/seats', '/api/events/{}/availability', '/api/queue/', '/api/reservations/'];
  for (const route of routes) {
    for (const id of badIds) {
      const path = route.includes('{}') ? route.replace('{}', id) : `${route}${id}`;
      add(`GET ${path.slice(0, 60)}`, request('GET', path, { cookie }));
    }
  }
  for (const page of ['/events/', '/reservations/', '/bookings/', '/queue/']) {
    for (const id of badIds) add(`page ${page}${id.slice(0, 40)}`, request('GET', `${page}${id}`, { cookie }));
  }
  for (const id of badIds) {
    add(`DELETE reservation ${id.slice(0, 40)}`, request('DELETE', `/api/reservations/${id}`, { cookie }));
    add(`POST booking ${id.slice(0, 40)}`, json('POST', `/api/bookings/${id}`, {}));
    add(`POST best-available ${id.slice(0, 40)}`, json('POST', `/api/events/${id}/best-available`, { quantity: 1 }));
  }

  for (const id of badIds) add(`queue enter ${id.slice(0, 40)}`, request('GET', `/queue/${id}/enter`, { cookie }));

  // Methods a route does not take.
  const paths = [
    '/api/reservations',
    `/api/reservations/${randomUUID()}`,
    `/api/events/${event.eventId}`,
    `/api/events/${event.eventId}/seats`,
    `/api/events/${event.eventId}/availability`,
    '/api/events/search',
    '/api/users',
    '/api/webhooks/stripe',
    `/api/queue/${event.eventId}`,
    '/api/health',
  ];
  for (const path of paths) {
    for (const method of ['PUT', 'PATCH', 'OPTIONS'])
      add(`${method} ${path}`, request(method, path, { cookie, body: method === 'OPTIONS' ? undefined : '{}', type: 'application/json' }));
  }
  add('an oversized cookie header', request('GET', `/api/events/${event.eventId}`, { cookie: `x=${'y'.repeat(12_000)}` }));

  // POST /api/reservations: every wrong shape, type and size.
  const reserveBodies: unknown[] = [
    ...weird,
    { eventId: event.eventId },
    { ticketIds: [ticket] },
    { eventId: event.eventId, ticketIds: ticket },
    { eventId: event.eventId, ticketIds: [] },
    { eventId: event.eventId, ticketIds: [ticket, ticket] },
    { eventId: event.eventId, ticketIds: event.ticketIds.slice(0, 9) },
    { eventId: event.eventId, ticketIds: Array.from({ length: 1000 }, () => randomUUID()) },
    { eventId: event.eventId, ticketIds: [ticket], extra: 1 },
    { eventId: event.eventId.toUpperCase() + 'x', ticketIds: [ticket] },
    { eventId: 42, ticketIds: [ticket] },
    { eventId: [event.eventId], ticketIds: [ticket] },
    { eventId: { $ne: null }, ticketIds: [ticket] },
    { eventId: event.eventId, ticketIds: [{ id: ticket }] },
    { eventId: event.eventId, ticketIds: [`${ticket}\u0000`] },
    JSON.parse(`{"__proto__": {"admin": true}, "eventId": "${event.eventId}"}`),
    { constructor: { prototype: { polluted: true } } },
    { eventId: event.eventId, ticketIds: [ticket], __proto__: { ticketIds: [] } },
  ];
  for (const body of reserveBodies) add(`reserve ${JSON.stringify(body)?.slice(0, 60)}`, json('POST', '/api/reservations', body));
  add('reserve without a session', json('POST', '/api/reservations', { eventId: event.eventId, ticketIds: [ticket] }, false));
  add('reserve, malformed JSON', request('POST', '/api/reservations', { body: '{"eventId": ', type: 'application/json', cookie }));
  add(
    'reserve, deep JSON',
    request('POST', '/api/reservations', { body: '['.repeat(5000) + ']'.repeat(5000), type: 'application/json', cookie }),
  );
  add(
    'reserve, text/plain',
    request('POST', '/api/reservations', {
      body: JSON.stringify({ eventId: event.eventId, ticketIds: [ticket] }),
      type: 'text/plain',
      cookie,
    }),
  );
  add('reserve, lying content type', request('POST', '/api/reservations', { body: '{}', type: 'text/plain; x=application/json', cookie }));
  add(
    'reserve, form body',
    request('POST', '/api/reservations', {
      body: `eventId=${event.eventId}&ticketIds=${ticket}`,
      type: 'application/x-www-form-urlencoded',
      cookie,
    }),
  );
  add(
    'reserve, 200 KB body',
    request('POST', '/api/reservations', {
      body: JSON.stringify({ eventId: event.eventId, ticketIds: [ticket], pad: bigString }),
      type: 'application/json',
      cookie,
    }),
  );
  add(
    'reserve, 10 MB body',
    request('POST', '/api/reservations', { body: new Uint8Array(10 * 1024 * 1024).fill(32), type: 'application/json', cookie }),
  );
  add(
    'reserve, invalid UTF-8',
    request('POST', '/api/reservations', { body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), type: 'application/json', cookie }),
  );
  add(
    'reserve, forged session cookie',
    request('POST', '/api/reservations', {
      body: '{}',
      type: 'application/json',
      cookie: 'next-auth.session-token=eyJhbGciOiJub25lIn0.e30.',
    }),
  );

  // Best available: numbers must be JSON numbers.
  for (const quantity of [true, '2', ' 2 ', '0x2', '1e1', 0, -1, 9, 1.5, 1e400, null, [2], { n: 2 }]) {
    add(`best quantity ${JSON.stringify(quantity)}`, json('POST', `/api/events/${event.eventId}/best-available`, { quantity }));
  }
  for (const prices of [
    { minPrice: -1 },
    { maxPrice: '100' },
    { minPrice: 500, maxPrice: 100 },
    { minPrice: 1e12 },
    { eventId: randomUUID() },
    // Wheelchair spaces among the seats: a JSON integer from 0 to quantity, nothing else.
    { wheelchair: 2 },
    { wheelchair: '1' },
    { wheelchair: true },
    { wheelchair: -1 },
    { wheelchair: 0.5 },
    { wheelchair: [1] },
    { companions: 1 },
  ]) {
    add(`best ${JSON.stringify(prices)}`, json('POST', `/api/events/${event.eventId}/best-available`, { quantity: 1, ...prices }));
  }

  // Bookings and releases of holds that are not there.
  for (const body of weird) add(`booking body ${JSON.stringify(body)?.slice(0, 40)}`, json('POST', `/api/bookings/${randomUUID()}`, body));

  // Sign-up.
  const userBodies: unknown[] = [
    ...weird,
    { email: 'not-an-email', name: 'A', password: 'long-enough-1' },
    { email: `a-${randomUUID()}@example.test`, name: '', password: 'long-enough-1' },
    { email: `a-${randomUUID()}@example.test`, name: 'A', password: 'short' },
    { email: `a-${randomUUID()}@example.test`, name: 'A', password: 'x'.repeat(65) + '1' },
    { email: `a-${randomUUID()}@example.test`, name: 'A', password: 'long-enough-1\u0000' },
    { email: `a-${randomUUID()}@example.test`, name: 'A', password: 'long-enough-1\n' },
    { email: `a-${randomUUID()}@example.test`, name: 'A', password: 12345678901 },
    { email: `${'a'.repeat(300)}@example.test`, name: 'A', password: 'long-enough-1' },
    { email: `a-${randomUUID()}@example.test`, name: 'A'.repeat(101), password: 'long-enough-1' },
    { email: [`a-${randomUUID()}@example.test`], name: 'A', password: 'long-enough-1' },
    { email: `a-${randomUUID()}@example.test`, name: { first: 'A' }, password: 'long-enough-1' },
  ];
  for (const body of userBodies) add(`sign-up ${JSON.stringify(body)?.slice(0, 60)}`, json('POST', '/api/users', body, false));
  add('sign-up, 10 MB body', request('POST', '/api/users', { body: new Uint8Array(10 * 1024 * 1024).fill(32), type: 'application/json' }));

  // Stripe webhooks: unsigned, badly signed, and validly signed nonsense.
  const signed = (payload: string, timestamp?: number) =>
    request('POST', '/api/webhooks/stripe', {
      body: payload,
      type: 'application/json',
      headers: { 'stripe-signature': signatureHeader(payload, webhookSecret, timestamp) },
    });
  add('webhook, no signature', request('POST', '/api/webhooks/stripe', { body: '{}', type: 'application/json' }));
  add(
    'webhook, garbage signature',
    request('POST', '/api/webhooks/stripe', { body: '{}', type: 'application/json', headers: { 'stripe-signature': 'garbage' } }),
  );
  add(
    'webhook, wrong secret',
    request('POST', '/api/webhooks/stripe', {
      body: '{}',
      type: 'application/json',
      headers: { 'stripe-signature': signatureHeader('{}', 'whsec_wrong') },
    }),
  );
  const now = Math.floor(Date.now() / 1000);
  const evt = (data: unknown, type = 'checkout.session.completed') =>
    JSON.stringify({ id: `evt_fuzz_${randomUUID()}`, object: 'event', type, created: now, data });
  for (const data of [
    null,
    {},
    { object: null },
    { object: 'str' },
    { object: [] },
    { object: { id: 5 } },
    { object: { id: 'cs_x', metadata: null } },
    { object: { id: 'cs_x', metadata: { bookingId: 'x' } } },
  ]) {
    for (const type of ['checkout.session.completed', 'checkout.session.expired', 'checkout.session.async_payment_failed']) {
      add(`webhook ${type} data ${JSON.stringify(data)}`, signed(evt(data, type)));
    }
  }
  add('webhook, not JSON but signed', signed('not json'));
  add('webhook, an hour in the future', signed(evt({ object: { id: 'cs_future' } }), now + 3600));
  add('webhook, an hour old', signed(evt({ object: { id: 'cs_past' } }), now - 3600));
  add(
    'webhook, 10 MB',
    request('POST', '/api/webhooks/stripe', {
      body: new Uint8Array(10 * 1024 * 1024).fill(32),
      type: 'application/json',
      headers: { 'stripe-signature': 't=1,v1=00' },
    }),
  );

  // Sign-in and next-auth's own routes.
  for (const callbackUrl of [
    'javascript:alert(1)',
    'data:text/html,x',
    '//evil.example',
    'http://',
    '\\\\evil',
    '%',
    'vbscript:x',
    'a'.repeat(5000),
  ]) {
    add(
      `auth signin callbackUrl ${callbackUrl.slice(0, 30)}`,
      request('GET', `/api/auth/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`),
    );
  }
  add('auth callback cookie javascript:', request('GET', '/api/auth/session', { cookie: 'next-auth.callback-url=javascript%3Aalert(1)' }));
  for (const body of [
    '',
    'email=',
    'email=a&password=',
    `email=${'a'.repeat(20_000)}&password=x`,
    'json=true&email[]=a&password=b',
    '%%%',
    'email=a%00&password=b%00',
  ]) {
    add(
      `credentials ${body.slice(0, 40)}`,
      request('POST', '/api/auth/callback/credentials', { body, type: 'application/x-www-form-urlencoded' }),
    );
  }
  add('credentials JSON array', request('POST', '/api/auth/callback/credentials', { body: '[1,2]', type: 'application/json' }));
  add('credentials malformed JSON', request('POST', '/api/auth/callback/credentials', { body: '{"email"', type: 'application/json' }));
  add(
    'credentials 10 MB',
    request('POST', '/api/auth/callback/credentials', {
      body: new Uint8Array(10 * 1024 * 1024).fill(32),
      type: 'application/x-www-form-urlencoded',
    }),
  );

  // Search parameters.
  const searches = [
    'limit=-1',
    'limit=0',
    'limit=101',
    'limit=1e9',
    'limit=abc',
    'limit=1.5',
    'limit=',
    'page=0',
    'page=-1',
    'page=1e20',
    'page=99999999999999999999',
    'page=abc',
    'start=not-a-date',
    'start=2026-13-45',
    'end=2026-02-30',
    'start=2027-01-01&end=2026-01-01',
    `keyword=${'a'.repeat(5000)}`,
    'keyword=%00',
    'keyword=%E0%A4%A',
    'keyword=(((',
    "keyword='%20OR%201=1--",
    'keyword=a&keyword=b',
    'city=%00',
    `city=${'c'.repeat(1000)}`,
    'category=%',
    'includePast=maybe',
    'start=1e400',
  ];
  for (const q of searches) {
    add(`search api ${q.slice(0, 40)}`, request('GET', `/api/events/search?${q}`));
    add(`search page ${q.slice(0, 40)}`, request('GET', `/search?${q}`));
  }

  // Every server action with bad arguments, and a made-up action id.
  for (const action of builtActions()) {
    const url = pageUrl(action, event.eventId);
    const argSets: unknown[][] = [
      [],
      [null],
      [null, 'string'],
      [null, []],
      [null, { eventId: 'x' }],
      [null, { eventId: event.eventId, seats: 'all' }],
      [null, { eventId: event.eventId, seats: [2 ** 40] }],
      [null, { eventId: event.eventId, ticketIds: [ticket, ticket] }],
      [null, { reservationId: 'x', eventId: 'y' }],
      [null, { reservationId: randomUUID(), eventId: event.eventId }],
      [null, { email: 'x', password: 'y', name: 'z' }],
      [null, { eventId: event.eventId, quantity: '0x2' }],
      [null, { pad: 'x'.repeat(100_000) }],
    ];
    for (const args of argSets)
      add(`action ${action.name} ${JSON.stringify(args).slice(0, 50)}`, () => callAction(action, url, args, cookie));
  }
  add('unknown action id', () =>
    callAction(
      { id: 'ff'.repeat(21), name: 'nothing', file: '', page: 'app/(public)/events/[eventId]/page' },
      `/events/${event.eventId}`,
      [null, {}],
      cookie,
    ),
  );

  return list;
}
