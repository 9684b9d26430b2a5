import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';

// Stripe delivers at least once and in any order. An event id is recorded in the transaction
// that applies its effect, so a replay finds it and changes nothing.
export async function recordStripeEvent(tx: DbOrTx, eventId: string | undefined, type: string | undefined): Promise<void> {
  if (!eventId) return;
  await tx.execute(sql`insert into stripe_events (id, type) values (${eventId}, ${type ?? 'unknown'}) on conflict (id) do nothing`);
}

export async function stripeEventProcessed(db: DbOrTx, eventId: string): Promise<boolean> {
  const rows = await db.execute(sql`select 1 from stripe_events where id = ${eventId}`);
  return rows.length > 0;
}
