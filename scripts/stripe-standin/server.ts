// A local stand-in for the parts of the Stripe API the app calls, reached through the real
// `stripe` SDK (host/port/protocol). It serves a hosted checkout page at each session's `url`,
// posts signed webhooks to the app and redirects to success_url, so the production code path is
// the one that runs on a machine without network. Test-only controls live under /_standin/.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseForm } from './form';
import { checkCard, checkoutPage } from './page';
import { publicSession, Store, StripeError } from './store';
import { deliver, sessionEvent, type StandInEvent } from './webhooks';

export type StripeStandInOptions = { port: number; webhookUrl: string; webhookSecret: string; secretKey?: string };

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${Date.now().toString(36)}` });
  res.end(JSON.stringify(body));
}

function html(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
}

export async function startStripeStandIn(opts: StripeStandInOptions): Promise<{ url: string; close: () => Promise<void> }> {
  const secretKey = opts.secretKey ?? 'sk_test_local_standin';
  let url = `http://127.0.0.1:${opts.port}`;
  const store = new Store(url);
  const sent: StandInEvent[] = [];

  const emit = (event: StandInEvent) => {
    sent.push(event);
    // Like Stripe, delivery is independent of the browser: the redirect does not wait for it.
    void deliver(event, opts.webhookUrl, opts.webhookSecret);
    return event;
  };

  async function api(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<void> {
    if (req.headers.authorization !== `Bearer ${secretKey}`) {
      throw new StripeError(401, 'authentication_error', 'Invalid API Key provided.');
    }
    const form = req.method === 'POST' ? parseForm(await readBody(req)) : {};
    const idempotencyKey = req.headers['idempotency-key'] as string | undefined;
    let m: RegExpExecArray | null;
    if (req.method === 'POST' && path === '/v1/checkout/sessions') return send(res, 200, publicSession(store.createSession(form)));
    if (req.method === 'GET' && (m = /^\/v1\/checkout\/sessions\/([\w-]+)$/.exec(path)))
      return send(res, 200, publicSession(store.session(m[1]!)));
    if (req.method === 'POST' && (m = /^\/v1\/checkout\/sessions\/([\w-]+)\/expire$/.exec(path))) {
      const session = store.expireSession(m[1]!);
      emit(sessionEvent('checkout.session.expired', session));
      return send(res, 200, publicSession(session));
    }
    if (req.method === 'GET' && (m = /^\/v1\/payment_intents\/([\w-]+)$/.exec(path))) return send(res, 200, store.paymentIntent(m[1]!));
    if (req.method === 'POST' && path === '/v1/refunds') return send(res, 200, store.createRefund(form, idempotencyKey));
    if (req.method === 'GET' && path === '/v1/refunds') {
      const intent = query.get('payment_intent');
      const data = [...store.refunds.values()].filter((r) => !intent || r.payment_intent === intent);
      return send(res, 200, { object: 'list', data, has_more: false, url: '/v1/refunds' });
    }
    throw new StripeError(404, 'invalid_request_error', `Unrecognized request URL (${req.method}: ${path}).`);
  }

  async function hostedPage(req: IncomingMessage, res: ServerResponse, sessionId: string): Promise<void> {
    const session = store.sessions.get(sessionId);
    if (!session) return html(res, 404, '<h1>No such checkout session</h1>');
    store.session(sessionId); // applies a lapsed expires_at
    if (req.method !== 'POST' || session.status !== 'open') return html(res, 200, checkoutPage(session));

    const fields = new URLSearchParams(await readBody(req));
    const card = checkCard(fields.get('card') ?? '', fields.get('expiry') ?? '');
    // A declined card leaves the session open, as on Stripe: the fan may try another card.
    if (!card.ok) return html(res, 402, checkoutPage(session, card.message, { email: fields.get('email') ?? '' }));
    emit(sessionEvent('checkout.session.completed', store.pay(sessionId)));
    res.writeHead(303, { location: session.success_url.replace('{CHECKOUT_SESSION_ID}', session.id) });
    res.end();
  }

  // /_standin/: test controls with no Stripe equivalent. `deliver=0` lets a test send the
  // webhook itself, to control timing and duplicates.
  async function control(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<void> {
    let m: RegExpExecArray | null;
    if (req.method === 'POST' && (m = /^\/_standin\/checkout\/sessions\/([\w-]+)\/pay$/.exec(path))) {
      const event = sessionEvent('checkout.session.completed', store.pay(m[1]!));
      if (query.get('deliver') !== '0') emit(event);
      return send(res, 200, { session: publicSession(store.session(m[1]!)), event });
    }
    if (req.method === 'GET' && path === '/_standin/checkout/sessions') {
      const reservation = query.get('reservation');
      const data = [...store.sessions.values()].filter((s) => !reservation || s.client_reference_id === reservation).map(publicSession);
      return send(res, 200, { data });
    }
    if (req.method === 'GET' && path === '/_standin/events') {
      const sessionId = query.get('session');
      return send(res, 200, { data: sent.filter((e) => !sessionId || (e.data.object as { id?: string }).id === sessionId) });
    }
    throw new StripeError(404, 'invalid_request_error', `Unknown stand-in control ${path}.`);
  }

  const server = createServer((req, res) => {
    const { pathname, searchParams } = new URL(req.url ?? '/', url);
    const checkout = /^\/checkout\/([\w-]+)$/.exec(pathname);
    const handle = pathname.startsWith('/v1/')
      ? api(req, res, pathname, searchParams)
      : pathname.startsWith('/_standin/')
        ? control(req, res, pathname, searchParams)
        : checkout
          ? hostedPage(req, res, checkout[1]!)
          : Promise.reject(new StripeError(404, 'invalid_request_error', 'Not found.'));
    handle.catch((error: unknown) => {
      if (error instanceof StripeError) {
        return send(res, error.status, {
          error: { type: error.type, message: error.message, ...(error.param ? { param: error.param } : {}) },
        });
      }
      console.error('stripe stand-in:', error);
      send(res, 500, { error: { type: 'api_error', message: 'The stand-in failed; see its log.' } });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  store.baseUrl = url;
  return {
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
