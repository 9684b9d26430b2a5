import 'server-only';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { stripeEvents } from '@/db/schema';

/** A delivery of Stripe's webhook: its event id, recorded once its effect is written. */
export type PaymentEventRef = { eventId?: string; eventType?: string };

// Stripe delivers at least once and in any order. An event id is recorded in the transaction
// that applies its effect, so a replay finds it and changes nothing.
export async function recordPaymentEvent(tx: DbOrTx, ref: PaymentEventRef): Promise<void> {
  if (!ref.eventId) return;
  await tx
    .insert(stripeEvents)
    .values({ id: ref.eventId, type: ref.eventType ?? 'unknown' })
    .onConflictDoNothing();
}

export async function paymentEventProcessed(db: DbOrTx, eventId: string): Promise<boolean> {
  const rows = await db.select({ id: stripeEvents.id }).from(stripeEvents).where(eq(stripeEvents.id, eventId)).limit(1);
  return rows.length > 0;
}
