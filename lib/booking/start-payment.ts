import 'server-only';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import type { Kv } from '@/lib/kv/types';
import { createCheckoutSession } from '@/lib/payments/checkout';
import { isStripeRequestError } from '@/lib/payments/stripe';
import { ticketLockKey } from './lock-keys';

export type PaymentStart = { bookingId: string; status: 'pending'; checkoutUrl: string; expiresAt: string };

// Once payment starts the hold is extended, once, to this long from then: enough to type a card.
const paymentHoldMinutes = 15;

type HoldRow = { user_id: string; status: string; live: boolean; expires_at: string; event_id: string; currency: string; event_name: string; email: string };
type BookingRow = { id: string; status: string; checkout_url: string | null };
type SeatRow = { id: string; section: string; row: string; number: number; price_minor: number };

/**
 * Starts Stripe Checkout for a live hold: a pending booking plus a Checkout Session with one line
 * per seat at its all-in price. Asking again while that session is open returns it.
 *
 * The Stripe call happens inside the transaction, under the reservation's row lock, so that two
 * clicks (or two tabs) cannot open two sessions for one hold: the second waits, then finds the
 * first one's booking. If Stripe fails, nothing is written.
 */
export async function startPayment(db: Database, kv: Kv, input: { userId: string; reservationId: string }): Promise<PaymentStart> {
  if (!isUuid(input.reservationId)) throw new AppError('not_found', 'No such reservation.');
  const reservationId = input.reservationId.toLowerCase();

  const started = await db.transaction(async (tx) => {
    const [hold] = await tx.execute<HoldRow>(sql`
      select r.user_id, r.status, r.expires_at, r.expires_at > now() as live, r.event_id, e.currency, e.name as event_name, u.email
      from reservations r join events e on e.id = r.event_id join users u on u.id = r.user_id
      where r.id = ${reservationId} for update of r`);
    if (!hold) throw new AppError('not_found', 'No such reservation.');
    if (hold.user_id !== input.userId) throw new AppError('forbidden', 'This hold belongs to another fan.');
    if (hold.status === 'converted') throw new AppError('hold_not_active', 'These seats are already paid for.');
    if (hold.status === 'released') throw new AppError('hold_not_active', 'You released this hold.');
    if (hold.status === 'expired' || !hold.live) throw new AppError('hold_expired', 'This hold has expired. Pick your seats again.');

    const [booking] = await tx.execute<BookingRow>(sql`
      select id, status, checkout_url from bookings where reservation_id = ${reservationId} for update`);
    if (booking?.status === 'pending' && booking.checkout_url) {
      return { bookingId: booking.id, checkoutUrl: booking.checkout_url, expiresAt: hold.expires_at, extended: false, ticketIds: [] };
    }
    if (booking && booking.status !== 'failed' && booking.status !== 'cancelled') {
      throw new AppError('hold_not_active', 'This hold already has a payment.');
    }

    const seats = await tx.execute<SeatRow>(sql`
      select t.id, t.section, t."row", t.number, t.price_minor
      from reservation_tickets rt join tickets t on t.id = rt.ticket_id
      where rt.reservation_id = ${reservationId} and t.status = 'reserved' and t.hold_id = ${reservationId}
      order by t.seat_index`);
    const [{ n } = { n: 0 }] = await tx.execute<{ n: number }>(sql`
      select count(*)::int as n from reservation_tickets where reservation_id = ${reservationId}`);
    if (seats.length === 0 || seats.length !== n) throw new AppError('hold_expired', 'Some of these seats are no longer held for you.');

    const bookingId = booking?.id ?? randomUUID();
    const total = seats.reduce((sum, s) => sum + s.price_minor, 0);
    const session = await createCheckoutSession({
      bookingId,
      reservationId,
      currency: hold.currency,
      email: hold.email,
      lines: seats.map((s) => ({ name: `${hold.event_name}: section ${s.section}, row ${s.row}, seat ${s.number}`, unitAmount: s.price_minor })),
    }).catch((error: unknown) => {
      if (error instanceof AppError) throw error;
      console.error(isStripeRequestError(error) ? `stripe refused the checkout session: ${error.message}` : error);
      throw new AppError('unavailable', 'We could not reach the payment provider. Please try again in a moment.');
    });
    if (!session.url) throw new AppError('unavailable', 'The payment provider did not return a checkout page.');

    await tx.execute(sql`
      insert into bookings (id, reservation_id, user_id, event_id, status, total_minor, currency, stripe_session_id, checkout_url)
      values (${bookingId}, ${reservationId}, ${input.userId}, ${hold.event_id}, 'pending', ${total}, ${hold.currency}, ${session.id}, ${session.url})
      on conflict (id) do update set status = 'pending', status_reason = null, total_minor = excluded.total_minor,
        stripe_session_id = excluded.stripe_session_id, checkout_url = excluded.checkout_url, updated_at = now()`);

    // Last, so the seats' row locks are held only until commit. extended_at makes it once only.
    const [extended] = await tx.execute<{ expires_at: string }>(sql`
      with r as (
        update reservations set expires_at = greatest(expires_at, now() + make_interval(mins => ${paymentHoldMinutes})), extended_at = now()
        where id = ${reservationId} and extended_at is null returning expires_at
      ), t as (
        update tickets set hold_expires_at = (select expires_at from r)
        where hold_id = ${reservationId} and status = 'reserved' and exists (select 1 from r)
      )
      select expires_at from r`);
    return {
      bookingId,
      checkoutUrl: session.url,
      expiresAt: extended?.expires_at ?? hold.expires_at,
      extended: Boolean(extended),
      ticketIds: seats.map((s) => s.id),
    };
  });

  const expiresAt = new Date(started.expiresAt);
  if (started.extended) {
    // The Redis locks must outlive the hold too, or they would stop shedding contention early.
    await kv.extendLocks(started.ticketIds.map(ticketLockKey), reservationId, expiresAt.getTime() - Date.now()).catch(() => 0);
  }
  return { bookingId: started.bookingId, status: 'pending', checkoutUrl: started.checkoutUrl, expiresAt: expiresAt.toISOString() };
}
