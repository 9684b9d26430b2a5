import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { createRedisKv } from '@/lib/kv/redis';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans, type TestEvent, type TestFan } from '@/lib/testing/factories';
import { holdInvariantViolations } from '@/lib/testing/invariants';
import { race } from '@/lib/testing/race';
import { deliverWebhook, payWithoutWebhook, sessionEvent, testStripe } from '@/lib/testing/stripe';
import { testKvPrefix, testRedisUrl } from '@/lib/testing/test-env';
import { fulfilBooking } from './fulfil-booking';
import { lostHoldReason } from './refund-lost-hold';
import { reserveSeats } from './reserve-seats';
import { startPayment } from './start-payment';

const sql = testSql();
const kv = createRedisKv(testRedisUrl, { prefix: `${testKvPrefix}fulfil:`, timeoutMs: 250 });
const stripe = testStripe();
afterAll(async () => {
  await Promise.all([kv.close(), sql.end()]);
});

async function holdAndStart(event: TestEvent, fan: TestFan, ticketIds: string[]) {
  const hold = await reserveSeats(db, kv, { userId: fan.id, eventId: event.eventId, ticketIds });
  const started = await startPayment(db, kv, { userId: fan.id, reservationId: hold.reservationId });
  const [b] = await sql`select stripe_session_id from bookings where id = ${started.bookingId}`;
  return { reservationId: hold.reservationId, bookingId: started.bookingId, sessionId: b!.stripe_session_id as string };
}

async function lapse(reservationId: string, ticketIds: string[]) {
  await sql`update reservations set expires_at = now() - interval '1 s' where id = ${reservationId}`;
  await sql`update tickets set hold_expires_at = now() - interval '1 s' where hold_id = ${reservationId}`;
  await kv.releaseLocks(
    ticketIds.map((id) => `lock:ticket:${id}`),
    reservationId,
  );
}

async function soldState(bookingId: string, ticketIds: string[]) {
  const [booking] = await sql`select status, confirmed_at, stripe_payment_intent_id from bookings where id = ${bookingId}`;
  const sold = await sql`select ticket_id, booking_id from sold_tickets where ticket_id = any(${ticketIds}::uuid[])`;
  const tickets = await sql`select status, booking_id from tickets where id = any(${ticketIds}::uuid[])`;
  return { booking: booking!, sold, tickets };
}

describe('fulfilBooking', () => {
  it('sells the seats exactly once when the success page (20x) and webhook deliveries (10x) race', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 4 });
    const [fan] = await createFans(sql, 1);
    const ids = event.ticketIds.slice(0, 2);
    const { bookingId, sessionId, reservationId } = await holdAndStart(event, fan!, ids);
    const { event: completed } = await payWithoutWebhook(sessionId);
    const [before] = await sql`select seat_version from events where id = ${event.eventId}`;

    const outcome = await race<{ status: unknown }>([
      ...Array.from({ length: 20 }, () => async () => fulfilBooking(db, await stripe.checkout.sessions.retrieve(sessionId))),
      // The same event redelivered, and the same completion under other event ids (out-of-band retries).
      ...Array.from({ length: 5 }, () => () => deliverWebhook(completed)),
      ...Array.from({ length: 5 }, () => () => deliverWebhook(sessionEvent('checkout.session.completed', completed.data.object))),
    ]);
    for (const r of outcome.results) {
      if (!r.ok) throw r.error;
      const value = r.value as { status: unknown };
      expect(value.status === 200 || value.status === 'confirmed').toBe(true);
    }

    const state = await soldState(bookingId, ids);
    expect(state.booking).toMatchObject({ status: 'confirmed', stripe_payment_intent_id: expect.stringMatching(/^pi_/) });
    expect(state.sold).toHaveLength(2);
    expect(state.sold.every((s) => s.booking_id === bookingId)).toBe(true);
    expect(state.tickets.every((t) => t.status === 'sold' && t.booking_id === bookingId)).toBe(true);
    const [r] = await sql`select status from reservations where id = ${reservationId}`;
    expect(r!.status).toBe('converted');
    const [after] = await sql`select seat_version from events where id = ${event.eventId}`;
    expect(Number(after!.seat_version)).toBe(Number(before!.seat_version) + 1);
    const [count] = await sql`select count(*)::int as n from bookings where reservation_id = ${reservationId}`;
    expect(count!.n).toBe(1);
  });

  it('refunds a payment that lands after the hold lapsed and fan B took a seat, leaving B alone', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 4 });
    const [a, b] = await createFans(sql, 2);
    const ids = event.ticketIds.slice(0, 2);
    const { bookingId, sessionId, reservationId } = await holdAndStart(event, a!, ids);
    await lapse(reservationId, ids);
    const theirs = await reserveSeats(db, kv, { userId: b!.id, eventId: event.eventId, ticketIds: [ids[1]!] });
    const bBefore = await sql`select id, status, hold_id, hold_expires_at from tickets where hold_id = ${theirs.reservationId}`;

    const { session } = await payWithoutWebhook(sessionId);
    const results = await Promise.all([1, 2, 3].map(() => fulfilBooking(db, session)));
    expect(results.map((x) => x.status)).toEqual(['refunded', 'refunded', 'refunded']);

    const [booking] = await sql`select status, status_reason, stripe_refund_id from bookings where id = ${bookingId}`;
    expect(booking).toMatchObject({ status: 'refunded', status_reason: lostHoldReason, stripe_refund_id: expect.stringMatching(/^re_/) });
    const refunds = await stripe.refunds.list({ payment_intent: session.payment_intent as string });
    expect(refunds.data).toHaveLength(1);
    expect(refunds.data[0]).toMatchObject({ id: booking!.stripe_refund_id, amount: session.amount_total });

    // B's hold is exactly as it was; A's other seat is back on sale; nothing was sold.
    expect(await sql`select id, status, hold_id, hold_expires_at from tickets where hold_id = ${theirs.reservationId}`).toEqual(bBefore);
    const [freed] = await sql`select status from tickets where id = ${ids[0]!}`;
    expect(freed!.status).toBe('available');
    const sold = await sql`select 1 from sold_tickets where booking_id = ${bookingId}`;
    expect(sold).toHaveLength(0);
    expect(await holdInvariantViolations(sql, event.eventId)).toEqual([]);
  });

  it('still sells seats whose hold lapsed if nobody took them', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 4 });
    const [fan] = await createFans(sql, 1);
    const ids = event.ticketIds.slice(2, 4);
    const { bookingId, sessionId, reservationId } = await holdAndStart(event, fan!, ids);
    await lapse(reservationId, ids);
    const { session } = await payWithoutWebhook(sessionId);
    expect(await fulfilBooking(db, session)).toEqual({ bookingId, status: 'confirmed' });
    expect((await soldState(bookingId, ids)).sold).toHaveLength(2);
  });
});
