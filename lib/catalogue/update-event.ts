import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { events } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { Kv } from '@/lib/kv/types';
import { catalogueChanged } from './catalogue-changed';
import type { EventChanges } from './types';

/**
 * Edits what a fan reads about an event: its name, description, category, performer, date,
 * on-sale time and waiting-room settings. Its venue, currency and ticket prices stay as issued (fans may hold
 * seats at those prices). The seat version is bumped with the edit, so every per-process view
 * of the event is rebuilt; the kv cache and search document follow after commit.
 */
export async function updateEvent(db: Database, kv: Kv, eventId: string, changes: EventChanges): Promise<void> {
  const { queue, ...fields } = changes;
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select({ date: events.date, onSaleAt: events.onSaleAt })
      .from(events)
      .where(eq(events.id, eventId))
      .for('update');
    if (!current) throw new AppError('not_found', 'No such event.');
    if (!((fields.onSaleAt ?? current.onSaleAt) < (fields.date ?? current.date))) {
      throw new AppError('validation_failed', 'Tickets must go on sale before the show.');
    }
    await tx
      .update(events)
      .set({
        ...fields,
        ...(queue
          ? {
              queueMode: queue.mode,
              queueOutflowPerMinute: queue.outflowPerMinute,
              queueAdmissionWindowSeconds: queue.admissionWindowSeconds,
              queueAutoThresholdPerMinute: queue.autoThresholdPerMinute,
            }
          : {}),
        seatVersion: sql`${events.seatVersion} + 1`,
      })
      .where(eq(events.id, eventId));
  });
  await catalogueChanged(kv, [eventId]);
}
