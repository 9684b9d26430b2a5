import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { createRedisKv } from '@/lib/kv/redis';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans } from '@/lib/testing/factories';
import { testStripe } from '@/lib/testing/stripe';
import { testKvPrefix, testRedisUrl } from '@/lib/testing/test-env';
import { expireHolds } from './expire-holds';
import { releaseHold } from './release-hold';
import { reserveSeats } from './reserve-seats';
import { startPayment } from './start-payment';

const sql = testSql();
const kv = createRedisKv(testRedisUrl, { prefix: `${testKvPrefix}pay:`, timeoutMs: 250 });
const stripe = testStripe();
afterAll(async () => {
  await Promise.all([kv.close(), sql.end()]);
});

async function snapshot(reservationId: string) {
  const r = await sql`select status, expires_at, extended_at from reservations where id = ${reservationId}`;
  const t = await sql`select id, status, hold_expires_at from tickets where hold_id = ${reservationId} order by id`;
  const b = await sql`select id from bookings where reservation_id = ${reservationId}`;
  return JSON.stringify({ r, t, b });
}

describe('startPayment', () => {
  it('opens one Checkout Session per hold, at all-in prices, and extends the hold once to 15 minutes', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 4 });
    const [fan] = await createFans(sql, 1);
    const [a, b] = event.seats;
    const hold = await reserveSeats(db, kv, { userId: fan!.id, eventId: event.eventId, ticketIds: [a!.id, b!.id] });

    const started = await startPayment(db, kv, { userId: fan!.id, reservationId: hold.reservationId });
    expect(started).toMatchObject({ status: 'pending', checkoutUrl: expect.stringMatching(/\/checkout\/cs_test_/) });
    const [booking] = await sql`select * from bookings where id = ${started.bookingId}`;
    expect(booking).toMatchObject({ status: 'pending', total_minor: a!.price + b!.price, currency: 'USD', reservation_id: hold.reservationId });

    const session = await stripe.checkout.sessions.retrieve(booking!.stripe_session_id);
    expect(session).toMatchObject({
      amount_total: a!.price + b!.price,
      currency: 'usd',
      client_reference_id: hold.reservationId,
      metadata: { reservationId: hold.reservationId, bookingId: started.bookingId },
      success_url: expect.stringContaining(`/bookings/${started.bookingId}?session_id={CHECKOUT_SESSION_ID}`),
      cancel_url: expect.stringContaining(`/reservations/${hold.reservationId}`),
    });
    expect(session.expires_at * 1000 - Date.now()).toBeGreaterThan(29 * 60_000);

    // Extended in Postgres (hold and seats together) and in Redis.
    const expiresAt = new Date(started.expiresAt).getTime();
    expect(expiresAt - Date.now()).toBeGreaterThan(14 * 60_000);
    const seats = await sql`select hold_expires_at from tickets where hold_id = ${hold.reservationId}`;
    expect(seats.every((s) => new Date(s.hold_expires_at).getTime() === expiresAt)).toBe(true);
    expect(await kv.pttl(`lock:ticket:${a!.id}`)).toBeGreaterThan(14 * 60_000);

    // Again (a double click, a second tab): the same booking and session, no second extension.
    const before = await snapshot(hold.reservationId);
    const again = await Promise.all([1, 2, 3].map(() => startPayment(db, kv, { userId: fan!.id, reservationId: hold.reservationId })));
    for (const s of again) expect(s).toMatchObject({ bookingId: started.bookingId, checkoutUrl: started.checkoutUrl, expiresAt: started.expiresAt });
    expect(await snapshot(hold.reservationId)).toBe(before);
  });

  it("refuses another fan's hold (403) and an expired hold (410), changing nothing", async () => {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 4 });
    const [owner, other] = await createFans(sql, 2);
    const hold = await reserveSeats(db, kv, { userId: owner!.id, eventId: event.eventId, ticketIds: [event.ticketIds[0]!] });
    const before = await snapshot(hold.reservationId);
    await expect(startPayment(db, kv, { userId: other!.id, reservationId: hold.reservationId })).rejects.toMatchObject({ code: 'forbidden', status: 403 });
    expect(await snapshot(hold.reservationId)).toBe(before);

    await sql`update reservations set expires_at = now() - interval '1 s' where id = ${hold.reservationId}`;
    await sql`update tickets set hold_expires_at = now() - interval '1 s' where hold_id = ${hold.reservationId}`;
    const lapsed = await snapshot(hold.reservationId);
    await expect(startPayment(db, kv, { userId: owner!.id, reservationId: hold.reservationId })).rejects.toMatchObject({ code: 'hold_expired', status: 410 });
    expect(await snapshot(hold.reservationId)).toBe(lapsed);
    await expect(startPayment(db, kv, { userId: owner!.id, reservationId: 'not-a-uuid' })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('a hold that ends closes its checkout', () => {
  async function started() {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 2 });
    const [fan] = await createFans(sql, 1);
    const hold = await reserveSeats(db, kv, { userId: fan!.id, eventId: event.eventId, ticketIds: [event.ticketIds[0]!] });
    const { bookingId } = await startPayment(db, kv, { userId: fan!.id, reservationId: hold.reservationId });
    const [b] = await sql`select stripe_session_id from bookings where id = ${bookingId}`;
    return { fan: fan!, reservationId: hold.reservationId, bookingId, sessionId: b!.stripe_session_id as string };
  }
  const bookingStatus = async (id: string) => (await sql`select status from bookings where id = ${id}`)[0]!.status;

  it('when the fan releases it', async () => {
    const s = await started();
    await releaseHold(db, kv, { userId: s.fan.id, reservationId: s.reservationId });
    expect((await stripe.checkout.sessions.retrieve(s.sessionId)).status).toBe('expired');
    expect(await bookingStatus(s.bookingId)).toBe('cancelled');
  });

  it('when the sweeper expires it', async () => {
    const s = await started();
    await sql`update reservations set expires_at = now() - interval '1 s' where id = ${s.reservationId}`;
    await sql`update tickets set hold_expires_at = now() - interval '1 s' where hold_id = ${s.reservationId}`;
    await expireHolds(db);
    expect((await stripe.checkout.sessions.retrieve(s.sessionId)).status).toBe('expired');
    expect(await bookingStatus(s.bookingId)).toBe('cancelled');
  });
});
