import 'server-only';
import type { DbOrTx } from '@/db';
import type { Kv } from '@/lib/kv/types';
import { isUuid } from '@/lib/ids';
import { refusalKey, refusalKinds, type RefusalKind } from './keys';
import { queuedEventIds } from './queued-events';

// Counters of turned-away hold requests per event, for the operator's on-sale report. Kept for
// a month: long enough to read after any on-sale, short enough to clean up after itself.
const keepMs = 30 * 86_400_000;

/**
 * Counts one refused hold request at the door (lib/booking/hold-seats.ts), for events queued
 * right now only (the in-memory list the gate reads, no store call), so a flood aimed at any
 * other event costs no kv write. Never awaited and never throws: a count is worth less than
 * answering the fan.
 */
export function countRefusal(db: DbOrTx, kv: Kv, eventId: unknown, kind: RefusalKind): void {
  if (!isUuid(eventId)) return;
  const id = eventId.toLowerCase();
  void queuedEventIds(db, kv, { fresh: false })
    .then((queued) => (queued.has(id) ? kv.incr(refusalKey(id, kind), 1, keepMs) : undefined))
    .catch(() => {});
}

export async function readRefusals(kv: Kv, eventId: string): Promise<Record<RefusalKind, number>> {
  const counts = await Promise.all(refusalKinds.map((kind) => kv.get(refusalKey(eventId, kind))));
  return Object.fromEntries(refusalKinds.map((kind, i) => [kind, Number(counts[i] ?? 0)])) as Record<RefusalKind, number>;
}
