import 'server-only';
import { sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Database, DbOrTx } from '@/db';
import { withRetry } from '@/db/errors';
import { uuidArray } from '@/db/sql-helpers';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { getStripe } from '@/lib/payments/stripe';
import { recordStripeEvent } from '@/lib/payments/stripe-events';
import { publishSeatDiff } from '@/lib/realtime/publish-seat-diff';
import type { SeatDiff } from '@/lib/realtime/types';

export type CheckoutSessionLike = Pick<Stripe.Checkout.Session, 'id' | 'payment_status' | 'payment_intent' | 'metadata' | 'client_reference_id'>;
export type FulfilResult = { bookingId: string; status: 'pending' | 'confirmed' | 'refunded' | 'failed' | 'cancelled' };

export const lostHoldReason =
  'Your payment arrived after your hold had run out and another fan had already taken some of your seats, so we refunded the full amount. Refunds usually reach your card within 5–10 days.';

type BookingRow = { id: string; reservation_id: string; status: FulfilResult['status']; stripe_refund_id: string | null };
type SeatRow = { id: string; status: 'available' | 'reserved' | 'sold'; hold_id: string | null; event_id: string };
type Decision =
  | { kind: 'done'; status: FulfilResult['status'] }
  | { kind: 'sold'; diff: SeatDiff }
  | { kind: 'refund'; paymentIntentId: string; diff?: SeatDiff };

/**
 * The one fulfilment of a paid Checkout Session, shared by the webhook and the success page.
 * Idempotent: any number of concurrent or repeated calls give one outcome, because each locks the
 * booking row before deciding and an outcome, once written, is final.
 *
 * Whose seats: a seat is still ours if it is reserved under this hold (even past its expiry: a
 * lapsed hold is up for grabs, but until someone grabs it the payer has the best claim) or simply
 * available (the sweeper freed it and nobody took it). If any seat was taken by another hold or
 * sold, the whole payment is refunded and the seats still held are released: a partial order
 * is not what the fan paid for.
 *
 * `eventId` (a webhook delivery) is recorded in stripe_events in the transaction that finishes
 * the work, so a delivery whose refund call failed is not marked processed and gets retried.
 */
export async function fulfilBooking(db: Database, session: CheckoutSessionLike, opts: { eventId?: string; eventType?: string } = {}): Promise<FulfilResult> {
  const bookingId = session.metadata?.bookingId;
  if (!isUuid(bookingId)) throw new AppError('not_found', 'This checkout session is not for a booking of ours.');
  const record = (tx: DbOrTx) => recordStripeEvent(tx, opts.eventId, opts.eventType);
  const paymentIntentId = typeof session.payment_intent === 'string' ? session.payment_intent : (session.payment_intent?.id ?? null);

  if (session.payment_status !== 'paid' || !paymentIntentId) {
    // Paid later (a bank transfer): async_payment_succeeded will call again.
    const status = await db.transaction(async (tx) => {
      await record(tx);
      const [b] = await tx.execute<{ status: FulfilResult['status'] }>(sql`select status from bookings where id = ${bookingId}`);
      if (!b) throw new AppError('not_found', 'No such booking.');
      return b.status;
    });
    return { bookingId, status };
  }

  const decision = await withRetry(() =>
    db.transaction(async (tx): Promise<Decision> => {
      // Lock order reservation -> booking -> tickets, as startPayment and releaseHold take them,
      // so none of them can deadlock with this. A booking's reservation never changes, so reading
      // it before the locks is safe.
      const [ref] = await tx.execute<{ reservation_id: string }>(sql`select reservation_id from bookings where id = ${bookingId}`);
      if (!ref) throw new AppError('not_found', 'No such booking.');
      await tx.execute(sql`select 1 from reservations where id = ${ref.reservation_id} for update`);
      const [booking] = await tx.execute<BookingRow>(sql`
        select id, reservation_id, status, stripe_refund_id from bookings where id = ${bookingId} for update`);
      if (!booking) throw new AppError('not_found', 'No such booking.');
      if (session.client_reference_id && booking.reservation_id !== session.client_reference_id) {
        throw new AppError('bad_request', 'This checkout session does not belong to this booking.');
      }
      if (booking.status === 'confirmed' || (booking.status === 'refunded' && booking.stripe_refund_id)) {
        await record(tx);
        return { kind: 'done', status: booking.status };
      }
      if (booking.status === 'refunded') return { kind: 'refund', paymentIntentId };

      // Tickets in id order, as reserveSeats takes them.
      const seats = await tx.execute<SeatRow>(sql`
        select t.id, t.status, t.hold_id, t.event_id from reservation_tickets rt join tickets t on t.id = rt.ticket_id
        where rt.reservation_id = ${booking.reservation_id} order by t.id for update of t`);
      const ours = (s: SeatRow) => s.status === 'available' || (s.status === 'reserved' && s.hold_id === booking.reservation_id);
      const eventId = seats[0]?.event_id;
      if (!eventId) throw new AppError('not_found', 'This booking has no seats.');

      if (seats.every(ours)) return { kind: 'sold', diff: await sell(tx, booking, seats, paymentIntentId, eventId, record) };
      return { kind: 'refund', paymentIntentId, diff: await giveUp(tx, booking, paymentIntentId, eventId) };
    }),
  );

  if (decision.kind === 'done') return { bookingId, status: decision.status };
  if (decision.diff?.changes.length) void publishSeatDiff(decision.diff);
  if (decision.kind === 'sold') return { bookingId, status: 'confirmed' };

  // Outside the transaction: no row stays locked while Stripe answers. The idempotency key makes
  // every caller that gets here (webhook retries, the success page) share one refund.
  const refund = await getStripe().refunds.create(
    { payment_intent: decision.paymentIntentId, metadata: { bookingId } },
    { idempotencyKey: `refund:${bookingId}` },
  );
  await db.transaction(async (tx) => {
    await tx.execute(sql`update bookings set stripe_refund_id = ${refund.id}, updated_at = now() where id = ${bookingId} and stripe_refund_id is null`);
    await record(tx);
  });
  return { bookingId, status: 'refunded' };
}

async function sell(tx: DbOrTx, booking: BookingRow, seats: SeatRow[], paymentIntentId: string, eventId: string, record: (tx: DbOrTx) => Promise<void>): Promise<SeatDiff> {
  const ids = seats.map((s) => s.id);
  const sold = await tx.execute<{ id: string }>(sql`
    update tickets set status = 'sold', booking_id = ${booking.id}, hold_id = null, hold_expires_at = null
    where id = any(${uuidArray(ids)}) and (status = 'available' or (status = 'reserved' and hold_id = ${booking.reservation_id}))
    returning id`);
  if (sold.length !== ids.length) throw new AppError('conflict', 'The seats changed while the payment was being recorded.');
  // sold_tickets' primary key refuses a second sale of any ticket, whatever the code path.
  await tx.execute(sql`insert into sold_tickets (ticket_id, booking_id) select unnest(${uuidArray(ids)}), ${booking.id}`);
  await tx.execute(sql`
    update bookings set status = 'confirmed', confirmed_at = now(), status_reason = null,
      stripe_payment_intent_id = ${paymentIntentId}, updated_at = now()
    where id = ${booking.id}`);
  await tx.execute(sql`update reservations set status = 'converted', ended_at = now() where id = ${booking.reservation_id}`);
  await record(tx);
  const [v] = await tx.execute<{ seat_version: string }>(sql`
    update events set seat_version = seat_version + 1 where id = ${eventId} returning seat_version`);
  return { eventId, version: Number(v!.seat_version), changes: ids.map((id) => ({ id, status: 'sold' as const })) };
}

async function giveUp(tx: DbOrTx, booking: BookingRow, paymentIntentId: string, eventId: string): Promise<SeatDiff | undefined> {
  await tx.execute(sql`
    update bookings set status = 'refunded', status_reason = ${lostHoldReason}, stripe_payment_intent_id = ${paymentIntentId}, updated_at = now()
    where id = ${booking.id}`);
  // Seats of this hold that nobody took go back on sale; the hold is over.
  const freed = await tx.execute<{ id: string }>(sql`
    update tickets set status = 'available', hold_id = null, hold_expires_at = null
    where hold_id = ${booking.reservation_id} and status = 'reserved' returning id`);
  await tx.execute(sql`
    update reservations set status = 'expired', ended_at = now() where id = ${booking.reservation_id} and status = 'active'`);
  if (freed.length === 0) return undefined;
  const [v] = await tx.execute<{ seat_version: string }>(sql`
    update events set seat_version = seat_version + 1 where id = ${eventId} returning seat_version`);
  return { eventId, version: Number(v!.seat_version), changes: freed.map((t) => ({ id: t.id, status: 'available' as const })) };
}
