import 'server-only';
import { and, gt, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { events } from '@/db/schema';
import { env } from '@/lib/env';
import type { Kv } from '@/lib/kv/types';
import { warnThrottled } from '@/lib/log';
import { autoQueuedKey } from './keys';

// Which events are queued right now, held in memory and refreshed in the background, so that
// the gate in proxy.ts answers from a Set without a database or Redis call. A change (an
// organiser switching a queue on, an 'auto' event passing its threshold) reaches every server
// within QUEUE_REFRESH_MS.

type Snapshot = { ids: ReadonlySet<string>; loadedAt: number };
let snapshot: Snapshot | null = null;
let inflight: Promise<void> | null = null;
let timer: ReturnType<typeof setInterval> | undefined;
// The stores the background refresh reads: those of the latest caller (one of each per process).
let stores: { db: DbOrTx; kv: Kv } | undefined;

/**
 * The gate passes `fresh: false`: only the very first request of a process waits; after that it
 * reads whatever the background timer loaded last (at most about one interval old). Routes that
 * go on to the database anyway (reserve, the queue page) pass `fresh: true` and wait whenever
 * the list is older than one interval, say when the timer fell behind on a busy event loop.
 */
export async function queuedEventIds(db: DbOrTx, kv: Kv, { fresh }: { fresh: boolean }): Promise<ReadonlySet<string>> {
  stores = { db, kv };
  if (!timer) {
    // A timer rather than refresh-on-read: on a server that sat idle, the first request would
    // otherwise be judged by a list from long ago. Unref'd so it never holds a process open.
    timer = setInterval(startRefresh, env.QUEUE_REFRESH_MS);
    timer.unref();
  }
  const stale = !snapshot || Date.now() - snapshot.loadedAt >= env.QUEUE_REFRESH_MS;
  if (stale) startRefresh();
  if (!snapshot || (stale && fresh)) await inflight;
  return snapshot?.ids ?? new Set();
}

function startRefresh(): void {
  if (stores) inflight ??= refresh(stores.db, stores.kv).finally(() => (inflight = null));
}

async function refresh(db: DbOrTx, kv: Kv): Promise<void> {
  try {
    snapshot = { ids: await load(db, kv), loadedAt: Date.now() };
  } catch (error) {
    // Keep the last good list and try again after one interval rather than on every request.
    warnThrottled('queued-events', `waiting room: cannot refresh queued events (${(error as Error).message})`);
    snapshot = { ids: snapshot?.ids ?? new Set(), loadedAt: Date.now() };
  }
}

async function load(db: DbOrTx, kv: Kv): Promise<Set<string>> {
  const rows = await db
    .select({ id: events.id, mode: events.queueMode })
    .from(events)
    .where(and(ne(events.queueMode, 'off'), gt(events.date, sql`now()`)));
  const ids = new Set(rows.filter((r) => r.mode === 'on').map((r) => r.id));
  const auto = rows.filter((r) => r.mode === 'auto');
  if (auto.length > 0) {
    // A kv outage leaves 'auto' events open: they only queue on evidence of a crowd.
    const flags = await Promise.all(auto.map((r) => kv.get(autoQueuedKey(r.id)).catch(() => null)));
    auto.forEach((r, i) => flags[i] !== null && ids.add(r.id));
  }
  return ids;
}
