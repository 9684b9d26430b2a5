import 'server-only';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { events } from '@/db/schema';
import type { QueueSettings } from './queue';
import { shortCache } from './short-cache';

// Organisers change these rarely and a queue page polls every few seconds: a short in-process
// cache keeps that polling off Postgres while an edit still shows within seconds.
const cacheMs = 5_000;
const cached = shortCache<QueueSettings | null>(cacheMs);

export function getQueueSettings(db: DbOrTx, eventId: string): Promise<QueueSettings | null> {
  const id = eventId.toLowerCase();
  return cached(id, () => load(db, id));
}

async function load(db: DbOrTx, eventId: string): Promise<QueueSettings | null> {
  const [row] = await db
    .select({
      mode: events.queueMode,
      onSaleAt: events.onSaleAt,
      date: events.date,
      outflowPerMinute: events.queueOutflowPerMinute,
      admissionWindowSeconds: events.queueAdmissionWindowSeconds,
      autoThresholdPerMinute: events.queueAutoThresholdPerMinute,
    })
    .from(events)
    .where(eq(events.id, eventId))
    .limit(1);
  if (!row) return null;
  return {
    eventId,
    mode: row.mode,
    onSaleAt: row.onSaleAt.getTime(),
    eventDate: row.date.getTime(),
    outflowPerMinute: row.outflowPerMinute,
    admissionWindowSeconds: row.admissionWindowSeconds,
    autoThresholdPerMinute: row.autoThresholdPerMinute,
  };
}
