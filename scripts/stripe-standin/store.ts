import { randomBytes } from 'node:crypto';
import { list, obj, str, type FormObject } from './form';

// In-memory Stripe objects, shaped like the real ones for the fields the app and the SDK read.

export class StripeError extends Error {
  constructor(
    readonly status: number,
    readonly type: 'invalid_request_error' | 'card_error' | 'authentication_error',
    message: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

export type Session = {
  id: string;
  object: 'checkout.session';
  mode: 'payment';
  status: 'open' | 'complete' | 'expired';
  payment_status: 'unpaid' | 'paid';
  amount_subtotal: number;
  amount_total: number;
  currency: string;
  client_reference_id: string | null;
  customer_email: string | null;
  metadata: Record<string, string>;
  success_url: string;
  cancel_url: string | null;
  expires_at: number;
  created: number;
  url: string | null;
  payment_intent: string | null;
  livemode: false;
  /** Not part of Stripe's object (it needs `expand`); kept for the hosted page. */
  line_items: Array<{ name: string; unit_amount: number; quantity: number }>;
};

export type PaymentIntent = {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  currency: string;
  status: 'succeeded';
  created: number;
  livemode: false;
};
export type Refund = {
  id: string;
  object: 'refund';
  amount: number;
  currency: string;
  payment_intent: string;
  status: 'succeeded';
  created: number;
  metadata: Record<string, string>;
};

const now = () => Math.floor(Date.now() / 1000);
export const newId = (prefix: string) => `${prefix}_test_${randomBytes(12).toString('hex')}`;

// Stripe's own window for expires_at: 30 minutes to 24 hours after creation.
const MIN_EXPIRY_S = 30 * 60;
const MAX_EXPIRY_S = 24 * 3600;

export class Store {
  readonly sessions = new Map<string, Session>();
  readonly paymentIntents = new Map<string, PaymentIntent>();
  readonly refunds = new Map<string, Refund>();
  private readonly refundsByIdempotencyKey = new Map<string, string>();

  // Set once the server listens (the port may have been chosen by the OS).
  constructor(public baseUrl: string) {}

  createSession(form: FormObject): Session {
    if (str(form.mode) !== 'payment')
      throw new StripeError(400, 'invalid_request_error', 'Only mode=payment is supported by the stand-in.', 'mode');
    const successUrl = str(form.success_url);
    if (!successUrl) throw new StripeError(400, 'invalid_request_error', 'Missing required param: success_url.', 'success_url');
    const items = list(form.line_items).map((raw, i) => {
      const item = obj(raw);
      const price = obj(item.price_data);
      const unit = Number(str(price.unit_amount));
      const quantity = Number(str(item.quantity) ?? '1');
      const currency = str(price.currency);
      if (!Number.isInteger(unit) || unit < 0) {
        throw new StripeError(
          400,
          'invalid_request_error',
          'unit_amount must be a non-negative integer in minor units.',
          `line_items[${i}][price_data][unit_amount]`,
        );
      }
      if (!currency) throw new StripeError(400, 'invalid_request_error', 'Missing currency.', `line_items[${i}][price_data][currency]`);
      return { name: str(obj(price.product_data).name) ?? 'Item', unit_amount: unit, quantity, currency: currency.toLowerCase() };
    });
    if (items.length === 0) throw new StripeError(400, 'invalid_request_error', 'line_items must not be empty.', 'line_items');
    if (new Set(items.map((i) => i.currency)).size > 1)
      throw new StripeError(400, 'invalid_request_error', 'All line items must share one currency.', 'line_items');

    const created = now();
    const expiresAt = form.expires_at === undefined ? created + MAX_EXPIRY_S : Number(str(form.expires_at));
    if (!Number.isInteger(expiresAt) || expiresAt < created + MIN_EXPIRY_S - 5 || expiresAt > created + MAX_EXPIRY_S) {
      throw new StripeError(
        400,
        'invalid_request_error',
        'The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.',
        'expires_at',
      );
    }
    const total = items.reduce((sum, i) => sum + i.unit_amount * i.quantity, 0);
    const id = newId('cs');
    const session: Session = {
      id,
      object: 'checkout.session',
      mode: 'payment',
      status: 'open',
      payment_status: 'unpaid',
      amount_subtotal: total,
      amount_total: total,
      currency: items[0]!.currency,
      client_reference_id: str(form.client_reference_id) ?? null,
      customer_email: str(form.customer_email) ?? null,
      metadata: Object.fromEntries(Object.entries(obj(form.metadata)).map(([k, v]) => [k, String(v)])),
      success_url: successUrl,
      cancel_url: str(form.cancel_url) ?? null,
      expires_at: expiresAt,
      created,
      url: `${this.baseUrl}/checkout/${id}`,
      payment_intent: null,
      livemode: false,
      line_items: items.map(({ name, unit_amount, quantity }) => ({ name, unit_amount, quantity })),
    };
    this.sessions.set(id, session);
    return session;
  }

  session(id: string): Session {
    const session = this.sessions.get(id);
    if (!session) throw new StripeError(404, 'invalid_request_error', `No such checkout.session: '${id}'`, 'id');
    // Like Stripe, a session past its expires_at is expired whether or not anyone asked.
    if (session.status === 'open' && session.expires_at <= now()) this.expireSession(id);
    return session;
  }

  expireSession(id: string): Session {
    const session = this.sessions.get(id);
    if (!session) throw new StripeError(404, 'invalid_request_error', `No such checkout.session: '${id}'`, 'id');
    if (session.status !== 'open') {
      throw new StripeError(
        400,
        'invalid_request_error',
        `Only Checkout Sessions with a status in ["open"] can be expired. This session has a status of "${session.status}".`,
      );
    }
    Object.assign(session, { status: 'expired', url: null });
    return session;
  }

  /** The card was charged: the session completes and gets its payment intent. */
  pay(id: string): Session {
    const session = this.session(id);
    if (session.status !== 'open') throw new StripeError(400, 'invalid_request_error', `This Checkout Session is ${session.status}.`);
    const intent: PaymentIntent = {
      id: newId('pi'),
      object: 'payment_intent',
      amount: session.amount_total,
      amount_received: session.amount_total,
      currency: session.currency,
      status: 'succeeded',
      created: now(),
      livemode: false,
    };
    this.paymentIntents.set(intent.id, intent);
    Object.assign(session, { status: 'complete', payment_status: 'paid', payment_intent: intent.id, url: null });
    return session;
  }

  paymentIntent(id: string): PaymentIntent {
    const intent = this.paymentIntents.get(id);
    if (!intent) throw new StripeError(404, 'invalid_request_error', `No such payment_intent: '${id}'`, 'id');
    return intent;
  }

  createRefund(form: FormObject, idempotencyKey: string | undefined): Refund {
    const known = idempotencyKey ? this.refundsByIdempotencyKey.get(idempotencyKey) : undefined;
    if (known) return this.refunds.get(known)!;
    const intentId = str(form.payment_intent);
    if (!intentId) throw new StripeError(400, 'invalid_request_error', 'Missing required param: payment_intent.', 'payment_intent');
    const intent = this.paymentIntent(intentId);
    const already = [...this.refunds.values()].filter((r) => r.payment_intent === intentId).reduce((n, r) => n + r.amount, 0);
    const amount = form.amount === undefined ? intent.amount - already : Number(str(form.amount));
    if (amount <= 0 || already + amount > intent.amount) {
      throw new StripeError(400, 'invalid_request_error', `Charge for payment intent ${intentId} has already been refunded.`);
    }
    const refund: Refund = {
      id: newId('re'),
      object: 'refund',
      amount,
      currency: intent.currency,
      payment_intent: intentId,
      status: 'succeeded',
      created: now(),
      metadata: Object.fromEntries(Object.entries(obj(form.metadata)).map(([k, v]) => [k, String(v)])),
    };
    this.refunds.set(refund.id, refund);
    if (idempotencyKey) this.refundsByIdempotencyKey.set(idempotencyKey, refund.id);
    return refund;
  }
}

/** The session as the API returns it: line items need `expand` on real Stripe. */
export function publicSession(session: Session): Omit<Session, 'line_items'> {
  const { line_items: _items, ...rest } = session;
  void _items;
  return rest;
}
