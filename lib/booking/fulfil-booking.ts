import 'server-only';
import { and, eq, or, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '@/db';
import { withRetry } from '@/db/errors';
import { bumpSeatVersion } from '@/db/queries/seat-version';
import { bookings, reservations, reservationTickets, soldTickets, tickets, type Booking, type Ticket } from '@/db/schema';
import { uuidArray } from '@/db/sql-helpers';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { seatsChanged } from '@/lib/realtime/seats-changed';
import type { SeatDiff } from '@/lib/realtime/types';
import { recordPaymentEvent, type PaymentEventRef } from './payment-events';
import { markPaymentSubmitted } from './mark-payment-submitted';
import { lostHoldReason, refundLostHold } from './refund-lost-hold';
import type { CheckoutSessionLike, FulfilResult } from './types';

type BookingRow = Pick<Booking, 'id' | 'reservationId' | 'status' | 'stripeRefundId'>;
type SeatRow = Pick<Ticket, 'id' | 'status' | 'holdId' | 'eventId'>;
type Decision =
  | { kind: 'done'; status: FulfilResult['status'] }
  | { kind: 'sold'; diff: SeatDiff }
  | { kind: 'refund'; paymentIntentId: string; diff?: SeatDiff };

/**
 * The one fulfilment of a paid Checkout Session, shared by the webhook and the return from
 * Checkout. Idempotent: any number of concurrent or repeated calls give one outcome, because each
 * locks the booking row before deciding and an outcome, once written, is final.
 *
 * Whose seats: a seat is still ours if it is reserved under this hold (even past its expiry: a
 * lapsed hold is up for grabs, but until someone grabs it the payer has the best claim) or simply
 * available (the sweeper freed it and nobody took it). If any seat was taken by another hold or
 * sold, the whole payment is refunded and the seats still held are released: a partial order
 * is not what the fan paid for.
 *
 * A webhook delivery (`ref`) is recorded in stripe_events in the transaction that finishes the
 * work, so a delivery whose refund call failed is not marked processed and gets retried.
 */
export async function fulfilBooking(db: Database, session: CheckoutSessionLike, ref: PaymentEventRef = {}): Promise<FulfilResult> {
  const bookingId = session.metadata?.bookingId;
  if (!isUuid(bookingId)) throw new AppError('not_found', 'This checkout session is not for a booking of ours.');
  const paymentIntentId = typeof session.payment_intent === 'string' ? session.payment_intent : (session.payment_intent?.id ?? null);

  if (session.payment_status !== 'paid' || !paymentIntentId) {
    // Paid later (a bank transfer): async_payment_succeeded will call again. Meanwhile the fan
    // has finished the checkout, so the booking says "confirming", not "not paid".
    const status = await db.transaction(async (tx) => {
      await recordPaymentEvent(tx, ref);
      await markPaymentSubmitted(tx, { bookingId, sessionId: session.id });
      const [b] = await tx.select({ status: bookings.status }).from(bookings).where(eq(bookings.id, bookingId));
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
      const [owner] = await tx.select({ reservationId: bookings.reservationId }).from(bookings).where(eq(bookings.id, bookingId));
      if (!owner) throw new AppError('not_found', 'No such booking.');
      await tx.select({ id: reservations.id }).from(reservations).where(eq(reservations.id, owner.reservationId)).for('update');
      const [booking] = await tx
        .select({
          id: bookings.id,
          reservationId: bookings.reservationId,
          status: bookings.status,
          stripeRefundId: bookings.stripeRefundId,
        })
        .from(bookings)
        .where(eq(bookings.id, bookingId))
        .for('update');
      if (!booking) throw new AppError('not_found', 'No such booking.');
      if (session.client_reference_id && booking.reservationId !== session.client_reference_id) {
        throw new AppError('bad_request', 'This checkout session does not belong to this booking.');
      }
      if (booking.status === 'confirmed' || (booking.status === 'refunded' && booking.stripeRefundId)) {
        await recordPaymentEvent(tx, ref);
        return { kind: 'done', status: booking.status };
      }
      if (booking.status === 'refunded') return { kind: 'refund', paymentIntentId };

      // Tickets in id order, as reserveSeats takes them.
      const seats = await tx
        .select({ id: tickets.id, status: tickets.status, holdId: tickets.holdId, eventId: tickets.eventId })
        .from(reservationTickets)
        .innerJoin(tickets, eq(tickets.id, reservationTickets.ticketId))
        .where(eq(reservationTickets.reservationId, booking.reservationId))
        .orderBy(tickets.id)
        .for('update', { of: tickets });
      const ours = (s: SeatRow) => s.status === 'available' || (s.status === 'reserved' && s.holdId === booking.reservationId);
      const eventId = seats[0]?.eventId;
      if (!eventId) throw new AppError('not_found', 'This booking has no seats.');

      if (seats.every(ours)) return { kind: 'sold', diff: await sell(tx, booking, seats, paymentIntentId, eventId, ref) };
      return { kind: 'refund', paymentIntentId, diff: await giveUp(tx, booking, paymentIntentId, eventId) };
    }),
  );

  if (decision.kind === 'done') return { bookingId, status: decision.status };
  if (decision.diff?.changes.length) void seatsChanged(db, decision.diff);
  if (decision.kind === 'sold') return { bookingId, status: 'confirmed' };
  await refundLostHold(db, { bookingId, paymentIntentId: decision.paymentIntentId, ...ref });
  return { bookingId, status: 'refunded' };
}

async function sell(
  tx: DbOrTx,
  booking: BookingRow,
  seats: SeatRow[],
  paymentIntentId: string,
  eventId: string,
  ref: PaymentEventRef,
): Promise<SeatDiff> {
  const ids = seats.map((s) => s.id);
  const sold = await tx
    .update(tickets)
    .set({ status: 'sold', bookingId: booking.id, holdId: null, holdExpiresAt: null })
    .where(
      and(
        sql`${tickets.id} = any(${uuidArray(ids)})`,
        or(eq(tickets.status, 'available'), and(eq(tickets.status, 'reserved'), eq(tickets.holdId, booking.reservationId))),
      ),
    )
    .returning({ id: tickets.id });
  if (sold.length !== ids.length) throw new AppError('conflict', 'The seats changed while the payment was being recorded.');
  // sold_tickets' primary key refuses a second sale of any ticket, whatever the code path.
  await tx.insert(soldTickets).values(ids.map((ticketId) => ({ ticketId, bookingId: booking.id })));
  await tx
    .update(bookings)
    .set({
      status: 'confirmed',
      confirmedAt: sql`now()`,
      statusReason: null,
      stripePaymentIntentId: paymentIntentId,
      updatedAt: sql`now()`,
    })
    .where(eq(bookings.id, booking.id));
  await tx
    .update(reservations)
    .set({ status: 'converted', endedAt: sql`now()` })
    .where(eq(reservations.id, booking.reservationId));
  await recordPaymentEvent(tx, ref);
  const version = await bumpSeatVersion(tx, eventId);
  return { eventId, version, changes: ids.map((id) => ({ id, status: 'sold' as const })) };
}

async function giveUp(tx: DbOrTx, booking: BookingRow, paymentIntentId: string, eventId: string): Promise<SeatDiff | undefined> {
  await tx
    .update(bookings)
    .set({ status: 'refunded', statusReason: lostHoldReason, stripePaymentIntentId: paymentIntentId, updatedAt: sql`now()` })
    .where(eq(bookings.id, booking.id));
  // Seats of this hold that nobody took go back on sale; the hold is over.
  const freed = await tx
    .update(tickets)
    .set({ status: 'available', holdId: null, holdExpiresAt: null })
    .where(and(eq(tickets.holdId, booking.reservationId), eq(tickets.status, 'reserved')))
    .returning({ id: tickets.id });
  await tx
    .update(reservations)
    .set({ status: 'expired', endedAt: sql`now()` })
    .where(and(eq(reservations.id, booking.reservationId), eq(reservations.status, 'active')));
  if (freed.length === 0) return undefined;
  const version = await bumpSeatVersion(tx, eventId);
  return { eventId, version, changes: freed.map((t) => ({ id: t.id, status: 'available' as const })) };
}
