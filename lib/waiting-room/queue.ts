import { randomBytes } from 'node:crypto';
import type { QueueMode } from '@/db/schema';
import type { Kv } from '@/lib/kv/types';
import { queueKeys } from './keys';

export type QueueSettings = {
  eventId: string;
  mode: QueueMode;
  onSaleAt: number;
  eventDate: number;
  outflowPerMinute: number;
  admissionWindowSeconds: number;
  autoThresholdPerMinute: number;
};

/**
 * Of the fans waiting now, a quarter will be let in within `p25Seconds` and half within
 * `p50Seconds` at the outflow rate (Cloudflare's waiting room reports the same percentiles).
 */
export type QueueWaits = { p25Seconds: number; p50Seconds: number };

export type QueueStatus =
  | { state: 'not_joined' }
  | { state: 'before_sale'; onSaleAt: number; total: number; waits: QueueWaits }
  | { state: 'waiting'; position: number; ahead: number; total: number; etaSeconds: number; progress: number; waits: QueueWaits }
  | { state: 'admitted'; windowEndsAt: number }
  | { state: 'window_passed'; windowEndsAt: number };

// Keys outlive the event by a day so that late pollers still get an answer, then vanish.
const ttlMs = (s: QueueSettings, now: number) => Math.max(s.eventDate - now, 0) + 86_400_000;

// The fan at place p (1-based) of a queue drained at `perMinute` is let in after p / perMinute.
function waitsOf(waiting: number, perMinute: number): QueueWaits {
  const at = (share: number) => (waiting === 0 ? 0 : Math.ceil((Math.max(1, Math.ceil(waiting * share)) / perMinute) * 60));
  return { p25Seconds: at(0.25), p50Seconds: at(0.5) };
}

// A uniform draw in [0, 1) from the CSPRNG: a bot cannot predict or improve its place.
const draw = () => randomBytes(6).readUIntBE(0, 6) / 2 ** 48;

/**
 * A fan's look at the queue (and, with `join`, their place in it; joining again keeps the
 * place). All the arithmetic happens in one atomic kv step; this shapes it for the page.
 */
export async function visitQueue(kv: Kv, s: QueueSettings, fan: string, opts: { join: boolean; now?: number }): Promise<QueueStatus> {
  const now = opts.now ?? Date.now();
  const perMinute = Math.max(1, s.outflowPerMinute);
  const v = await kv.queueVisit(queueKeys(s.eventId), {
    fan,
    now,
    onSaleAt: s.onSaleAt,
    perMs: perMinute / 60_000,
    score: draw(),
    join: opts.join,
    ttlMs: ttlMs(s, now),
  });
  if (v.rank === null) return { state: 'not_joined' };
  if (v.admittedAt !== null) {
    const windowEndsAt = v.admittedAt + s.admissionWindowSeconds * 1000;
    return windowEndsAt > now ? { state: 'admitted', windowEndsAt } : { state: 'window_passed', windowEndsAt };
  }
  // Before the sale the place is a draw among everyone already here; it means nothing yet.
  if (now < s.onSaleAt) return { state: 'before_sale', onSaleAt: s.onSaleAt, total: v.size, waits: waitsOf(v.size, perMinute) };
  const ahead = v.rank - v.frontier;
  return {
    state: 'waiting',
    position: ahead + 1,
    ahead,
    total: v.size,
    etaSeconds: Math.ceil(((ahead + 1) / perMinute) * 60),
    progress: v.frontier / (v.rank + 1),
    waits: waitsOf(Math.max(0, v.size - v.frontier), perMinute),
  };
}

/**
 * How many fans are in the queue and not yet let in (everyone, before the sale opens). A look
 * that places nobody; it moves the frontier on like any visit would.
 */
export async function queueBacklog(kv: Kv, s: QueueSettings, now = Date.now()): Promise<number> {
  const perMinute = Math.max(1, s.outflowPerMinute);
  // A fan id no account can have: the look itself must not join anyone.
  const v = await kv.queueVisit(queueKeys(s.eventId), {
    fan: '-',
    now,
    onSaleAt: s.onSaleAt,
    perMs: perMinute / 60_000,
    score: 0,
    join: false,
    ttlMs: ttlMs(s, now),
  });
  return now < s.onSaleAt ? v.size : Math.max(0, v.size - v.frontier);
}

/**
 * Sends a fan whose admission window passed to the back of the queue. Only then: a fan still
 * inside the window would lose a valid admission to a double click.
 */
export async function requeueFan(kv: Kv, s: QueueSettings, fan: string, now = Date.now()): Promise<boolean> {
  const status = await visitQueue(kv, s, fan, { join: false, now });
  if (status.state !== 'window_passed') return false;
  return kv.queueRequeue(queueKeys(s.eventId), fan, ttlMs(s, now));
}
