import 'server-only';
import type { Database } from '@/db';
import type { SessionUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { ticketIdsForSeats } from '@/lib/events/ticket-ids-for-seats';
import type { Kv } from '@/lib/kv/types';
import { clientIp } from '@/lib/rate-limit/client-ip';
import { enforceRateLimit } from '@/lib/rate-limit/enforce';
import { span } from '@/lib/timing/spans';
import { countRefusal } from '@/lib/waiting-room/refusals';
import { requireAdmission } from '@/lib/waiting-room/require-admission';
import { parseSelection, type HoldVia } from './hold-input';
import { reserveBestAvailable } from './reserve-best-available';
import { reserveSeats, type Hold } from './reserve-seats';

/** Who asks, as the route or action that received the request knows them. */
export type FanRequest = {
  user: SessionUser;
  headers: Headers;
  /** A request cookie by name (the waiting-room admission travels in one). */
  cookie: (name: string) => string | undefined;
};

export type HeldSeats = Hold & { ticketIds: string[] };

/**
 * The one door to a new hold. Every route and server action that holds seats calls this, and
 * nothing else may import reserveSeats or reserveBestAvailable (an ESLint rule enforces it), so
 * a new way of holding cannot forget a guard:
 *
 * 1. the reserve rate limit, per fan and per client address (429), before anything else, so a
 *    flood (junk included) is turned away before any other work;
 * 2. the input, parsed strictly for the door it came through (lib/booking/hold-input.ts);
 * 3. for an event behind a waiting room, an admission token for this event that belongs to this
 *    fan (403 queue_required): proxy.ts only checks the signature of page and API requests, and
 *    never sees a server action's or a body's event id;
 * 4. then the operation.
 */
export async function holdSeats(db: Database, kv: Kv, fan: FanRequest, via: HoldVia, input: unknown): Promise<HeldSeats> {
  await span('rate-limit', () => enforceRateLimit(kv, 'reserve', { fan: fan.user.id, ip: clientIp(fan.headers) })).catch(
    (error: unknown) => {
      countRefused(db, kv, error, () => parseSelection(via, input).eventId);
      throw error;
    },
  );
  const selection = parseSelection(via, input);
  await span('admission', () => requireAdmission(selection.eventId, fan.user.id, fan.cookie)).catch((error: unknown) => {
    countRefused(db, kv, error, () => selection.eventId);
    throw error;
  });
  const userId = fan.user.id;
  switch (selection.kind) {
    case 'tickets': {
      const hold = await reserveSeats(db, kv, { userId, eventId: selection.eventId, ticketIds: selection.ticketIds });
      return { ...hold, ticketIds: selection.ticketIds };
    }
    case 'seats': {
      const ticketIds = await ticketIdsForSeats(db, selection.eventId, selection.seats);
      const hold = await reserveSeats(db, kv, { userId, eventId: selection.eventId, ticketIds });
      return { ...hold, ticketIds };
    }
    case 'best': {
      const { eventId, quantity, minPrice, maxPrice, wheelchair } = selection;
      return reserveBestAvailable(db, kv, { eventId, quantity, minPrice, maxPrice, wheelchair, userId });
    }
  }
}

// The on-sale report counts what the door turned away, per event (lib/waiting-room/refusals.ts).
// A rate-limited request's body is read only for its event id, and only after the refusal.
function countRefused(db: Database, kv: Kv, error: unknown, eventIdOf: () => string): void {
  if (!(error instanceof AppError) || (error.code !== 'rate_limited' && error.code !== 'queue_required')) return;
  let eventId: string;
  try {
    eventId = eventIdOf();
  } catch {
    return;
  }
  countRefusal(db, kv, eventId, error.code);
}
