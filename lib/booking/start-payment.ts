import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '@/db';
import { withRetry } from '@/db/errors';
import { sectionName, sectionNames } from '@/db/queries/section-names';
import { bookings, events, reservations, reservationTickets, tickets, users, type Booking } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import type { Kv } from '@/lib/kv/types';
import { createCheckoutSession, expireCheckoutSession, type CheckoutLine } from '@/lib/payments/checkout';
import { isStripeRequestError } from '@/lib/payments/stripe';
import { ticketLockKey } from './lock-keys';

export type PaymentStart = { bookingId: string; status: 'pending'; checkoutUrl: string; expiresAt: string };

// Once payment starts the hold is extended, once, to this long from then: enough to type a card.
const paymentHoldMinutes = 15;
// An attempt still opening its session after this long died with its request (the Stripe client
// gives up well before: 20 s a try, two retries); the next request takes the booking over.
const attemptStaleSeconds = 75;
// How long a second request waits for the first one's session before it gives up with a 503.
const waitForAttemptMs = 80_000;

type Previous = Pick<Booking, 'status' | 'statusReason' | 'stripeSessionId' | 'checkoutUrl'>;
type Claimed = {
  kind: 'claimed';
  bookingId: string;
  attempt: string;
  /** The booking as it was before this attempt; null when this attempt created it. */
  previous: Previous | null;
  expiresAt: Date;
  extended: boolean;
  ticketIds: string[];
  currency: string;
  email: string;
  lines: CheckoutLine[];
};
type Step =
  | { kind: 'open'; bookingId: string; checkoutUrl: string; expiresAt: Date }
  | { kind: 'wait'; bookingId: string; attempt: string }
  | Claimed;

/**
 * Starts Stripe Checkout for a live hold: a pending booking plus a Checkout Session with one line
 * per seat at its all-in price. Asking again while that session is open returns it.
 *
 * No transaction is open while Stripe answers (up to a minute with retries). Instead:
 * 1. A short transaction, under the reservation's row lock, checks the hold and writes the pending
 *    booking with a fresh attempt id (and extends the hold, once, so it outlives the checkout).
 * 2. Stripe is called, with the attempt id as idempotency key.
 * 3. A guarded update records the session, only if the booking still carries this attempt.
 *
 * The race, two clicks or two tabs: the row lock serialises step 1, so the second request finds
 * the first one's attempt and waits for its session rather than opening another. If the first
 * request died, its attempt goes stale and the next request takes over with a new one; should the
 * first one's session still appear, step 3 finds the attempt replaced and expires that session.
 * A hold released or expired meanwhile cancels the pending booking (close-checkouts.ts), with
 * the same effect. If Stripe fails, the booking goes back to what it was.
 */
export async function startPayment(db: Database, kv: Kv, input: { userId: string; reservationId: string }): Promise<PaymentStart> {
  if (!isUuid(input.reservationId)) throw new AppError('not_found', 'No such reservation.');
  const reservationId = input.reservationId.toLowerCase();

  // Twice at most: once more after waiting on an attempt that failed or was superseded.
  for (let round = 1; ; round++) {
    // Chosen outside the transaction: a retry after a commit whose answer was lost then finds its
    // own attempt, not another request's to wait for.
    const attempt = randomUUID();
    const step = await withRetry(() => db.transaction((tx) => claimCheckout(tx, input.userId, reservationId, attempt)));
    if (step.kind === 'open') return answer(step.bookingId, step.checkoutUrl, step.expiresAt);
    if (step.kind === 'wait') {
      const opened = await waitForAttempt(db, step.bookingId, step.attempt);
      if (opened) return answer(step.bookingId, opened.checkoutUrl, opened.expiresAt);
    } else {
      if (step.extended) {
        // The Redis locks must outlive the hold too, or they would stop shedding contention early.
        await kv.extendLocks(step.ticketIds.map(ticketLockKey), reservationId, step.expiresAt.getTime() - Date.now()).catch(() => 0);
      }
      const checkoutUrl = await openSession(db, reservationId, step);
      if (checkoutUrl) return answer(step.bookingId, checkoutUrl, step.expiresAt);
    }
    if (round >= 2) throw new AppError('unavailable', 'We could not open the checkout. Please try again in a moment.');
  }
}

function answer(bookingId: string, checkoutUrl: string, expiresAt: Date): PaymentStart {
  return { bookingId, status: 'pending', checkoutUrl, expiresAt: expiresAt.toISOString() };
}

async function claimCheckout(tx: DbOrTx, userId: string, reservationId: string, attempt: string): Promise<Step> {
  const [hold] = await tx
    .select({
      userId: reservations.userId,
      status: reservations.status,
      expiresAt: reservations.expiresAt,
      live: sql<boolean>`${reservations.expiresAt} > now()`,
      eventId: reservations.eventId,
      currency: events.currency,
      eventName: events.name,
      email: users.email,
    })
    .from(reservations)
    .innerJoin(events, eq(events.id, reservations.eventId))
    .innerJoin(users, eq(users.id, reservations.userId))
    .where(eq(reservations.id, reservationId))
    .for('update', { of: reservations });
  if (!hold || hold.userId !== userId) throw new AppError('not_found', 'No such reservation.');
  if (hold.status === 'converted') throw new AppError('hold_not_active', 'These seats are already paid for.');
  if (hold.status === 'released') throw new AppError('hold_not_active', 'You released this hold.');
  if (hold.status === 'expired' || !hold.live) throw new AppError('hold_expired', 'This hold has expired. Pick your seats again.');

  const [booking] = await tx
    .select({
      id: bookings.id,
      status: bookings.status,
      statusReason: bookings.statusReason,
      stripeSessionId: bookings.stripeSessionId,
      checkoutUrl: bookings.checkoutUrl,
      attempt: bookings.checkoutAttempt,
      attemptFresh: sql<boolean>`coalesce(${bookings.checkoutAttemptAt} > now() - make_interval(secs => ${attemptStaleSeconds}), false)`,
    })
    .from(bookings)
    .where(eq(bookings.reservationId, reservationId))
    .for('update');
  if (booking?.status === 'pending' && booking.checkoutUrl) {
    return { kind: 'open', bookingId: booking.id, checkoutUrl: booking.checkoutUrl, expiresAt: hold.expiresAt };
  }
  if (booking?.status === 'pending' && booking.attempt && booking.attempt !== attempt && booking.attemptFresh) {
    return { kind: 'wait', bookingId: booking.id, attempt: booking.attempt };
  }
  if (booking && booking.status !== 'failed' && booking.status !== 'cancelled' && booking.status !== 'pending') {
    throw new AppError('hold_not_active', 'This hold already has a payment.');
  }

  const seats = await tx
    .select({ id: tickets.id, section: tickets.section, row: tickets.row, number: tickets.number, price: tickets.priceMinor })
    .from(reservationTickets)
    .innerJoin(tickets, and(eq(tickets.id, reservationTickets.ticketId), eq(tickets.status, 'reserved'), eq(tickets.holdId, reservationId)))
    .where(eq(reservationTickets.reservationId, reservationId))
    .orderBy(asc(tickets.seatIndex));
  const [{ n } = { n: 0 }] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(reservationTickets)
    .where(eq(reservationTickets.reservationId, reservationId));
  if (seats.length === 0 || seats.length !== n) throw new AppError('hold_expired', 'Some of these seats are no longer held for you.');

  const names = await sectionNames(tx, hold.eventId);
  const bookingId = booking?.id ?? randomUUID();
  const total = seats.reduce((sum, s) => sum + s.price, 0);
  const pending = {
    status: 'pending' as const,
    statusReason: null,
    paymentSubmittedAt: null,
    totalMinor: total,
    stripeSessionId: null,
    checkoutUrl: null,
    checkoutAttempt: attempt,
    checkoutAttemptAt: sql`now()`,
    updatedAt: sql`now()`,
  };
  if (booking) await tx.update(bookings).set(pending).where(eq(bookings.id, bookingId));
  else
    await tx.insert(bookings).values({ id: bookingId, reservationId, userId, eventId: hold.eventId, currency: hold.currency, ...pending });

  // Last, so the seats' row locks are held only until commit. extended_at makes it once only.
  const [extended] = await tx.execute<{ expiresAt: string }>(sql`
    with r as (
      update ${reservations} set expires_at = greatest(expires_at, now() + make_interval(mins => ${paymentHoldMinutes})), extended_at = now()
      where id = ${reservationId} and extended_at is null returning expires_at
    ), t as (
      update ${tickets} set hold_expires_at = (select expires_at from r)
      where hold_id = ${reservationId} and status = 'reserved' and exists (select 1 from r)
    )
    select expires_at as "expiresAt" from r`);

  return {
    kind: 'claimed',
    bookingId,
    attempt,
    previous: booking
      ? {
          status: booking.status,
          statusReason: booking.statusReason,
          stripeSessionId: booking.stripeSessionId,
          checkoutUrl: booking.checkoutUrl,
        }
      : null,
    expiresAt: extended ? new Date(extended.expiresAt) : hold.expiresAt,
    extended: Boolean(extended),
    ticketIds: seats.map((s) => s.id),
    currency: hold.currency,
    email: hold.email,
    lines: seats.map((s) => ({
      name: `${hold.eventName}: ${sectionName(names, s.section)}, row ${s.row}, seat ${s.number}`,
      unitAmount: s.price,
    })),
  };
}

/** Steps 2 and 3: the session's URL, or null when this attempt was superseded meanwhile. */
async function openSession(db: Database, reservationId: string, claim: Claimed): Promise<string | null> {
  let session;
  try {
    session = await createCheckoutSession({
      bookingId: claim.bookingId,
      reservationId,
      currency: claim.currency,
      email: claim.email,
      lines: claim.lines,
      idempotencyKey: `checkout:${claim.attempt}`,
    });
    if (!session.url) throw new Error(`checkout session ${session.id} came back without a url`);
  } catch (error) {
    await withRetry(() => abandonAttempt(db, claim)).catch((e: unknown) => console.error('could not abandon a checkout attempt', e));
    if (error instanceof AppError) throw error;
    console.error(isStripeRequestError(error) ? `stripe refused the checkout session: ${error.message}` : error);
    throw new AppError('unavailable', 'We could not reach the payment provider. Please try again in a moment.');
  }

  const recorded = await withRetry(() =>
    db
      .update(bookings)
      .set({ stripeSessionId: session.id, checkoutUrl: session.url, checkoutAttempt: null, updatedAt: sql`now()` })
      .where(and(eq(bookings.id, claim.bookingId), eq(bookings.checkoutAttempt, claim.attempt), eq(bookings.status, 'pending')))
      .returning({ id: bookings.id }),
  );
  if (recorded.length > 0) return session.url;
  // Superseded, or the hold ended meanwhile: this session must never be paid.
  await expireCheckoutSession(session.id).catch((e: unknown) => console.error(`could not expire orphaned checkout ${session.id}`, e));
  return null;
}

// Stripe failed: the booking goes back to what it was (gone, if this attempt created it).
async function abandonAttempt(db: Database, claim: Claimed): Promise<void> {
  const mine = and(eq(bookings.id, claim.bookingId), eq(bookings.checkoutAttempt, claim.attempt), isNull(bookings.stripeSessionId));
  if (!claim.previous) await db.delete(bookings).where(mine);
  else
    await db
      .update(bookings)
      .set({ ...claim.previous, checkoutAttempt: null, checkoutAttemptAt: null })
      .where(mine);
}

/** Polls the booking until the attempt in flight has its session; null if it failed or was replaced. */
async function waitForAttempt(db: Database, bookingId: string, attempt: string): Promise<{ checkoutUrl: string; expiresAt: Date } | null> {
  const deadline = Date.now() + waitForAttemptMs;
  for (let pause = 50; Date.now() < deadline; pause = Math.min(pause * 2, 500)) {
    await new Promise((r) => setTimeout(r, pause));
    const [b] = await db
      .select({
        status: bookings.status,
        checkoutUrl: bookings.checkoutUrl,
        attempt: bookings.checkoutAttempt,
        expiresAt: reservations.expiresAt,
      })
      .from(bookings)
      .innerJoin(reservations, eq(reservations.id, bookings.reservationId))
      .where(eq(bookings.id, bookingId));
    if (b?.status === 'pending' && b.checkoutUrl) return { checkoutUrl: b.checkoutUrl, expiresAt: b.expiresAt };
    if (!b || b.attempt !== attempt) return null;
  }
  return null;
}
