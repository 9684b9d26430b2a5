import 'server-only';
import type { DbOrTx } from '@/db';
import type { Kv } from '@/lib/kv/types';
import { warnThrottled } from '@/lib/log';
import { arrivalsKey, autoQueuedKey } from './keys';
import type { QueueSettings } from './queue';
import { getQueueSettings } from './settings';

// Once busy, an 'auto' event stays queued this long after its last busy minute, so the gate
// does not flap open and shut at the threshold.
const stickyMs = 30 * 60_000;

/**
 * Counts an arrival at an 'auto' event; above the per-minute threshold the event becomes
 * queued (a kv flag that the gate's background refresh picks up). Never awaited by a page and
 * never throws: counting is an accelerator of protection, not a reason to fail a page view.
 */
export async function noteArrival(kv: Kv, s: QueueSettings, now = Date.now()): Promise<void> {
  if (s.mode !== 'auto' || now >= s.eventDate) return;
  try {
    const minute = Math.floor(now / 60_000);
    const count = await kv.incr(arrivalsKey(s.eventId, minute), 1, 120_000);
    if (count > s.autoThresholdPerMinute) await kv.set(autoQueuedKey(s.eventId), String(now), stickyMs);
  } catch (error) {
    warnThrottled('auto-queue-kv', `waiting room: cannot count arrivals (${(error as Error).message})`);
  }
}

/**
 * Keeps an 'auto' event queued while fans still wait in its queue: once queued, page views
 * (the arrivals counted above) come only from admitted fans, so they alone would let the
 * flag lapse with a crowd still waiting.
 */
export async function keepAutoQueued(kv: Kv, s: QueueSettings, now = Date.now()): Promise<void> {
  if (s.mode !== 'auto') return;
  await kv.set(autoQueuedKey(s.eventId), String(now), stickyMs).catch(() => {});
}

/** Fire-and-forget arrival count for an event page view. */
export function countArrival(db: DbOrTx, kv: Kv, eventId: string): void {
  void getQueueSettings(db, eventId)
    .then((s) => (s ? noteArrival(kv, s) : undefined))
    .catch(() => {});
}
