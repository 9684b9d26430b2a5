import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { createRedisKv } from '@/lib/kv/redis';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans } from '@/lib/testing/factories';
import { testKvPrefix, testRedisUrl } from '@/lib/testing/test-env';
import { endCheckout } from './end-checkout';
import { getBooking } from './get-booking';
import { getReservation } from './get-reservation';
import { listUserBookings } from './list-user-bookings';
import { listUserReservations } from './list-user-reservations';
import { markPaymentSubmitted } from './mark-payment-submitted';
import { reserveSeats } from './reserve-seats';

const sql = testSql();
const kv = createRedisKv(testRedisUrl, { prefix: `${testKvPrefix}pay-state:`, timeoutMs: 250 });
afterAll(async () => {
  await Promise.all([kv.close(), sql.end()]);
});

// A hold with a checkout opened for it, as start-payment.ts leaves it once Stripe answered.
async function holdWithCheckout(eventSeats: number) {
  const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: eventSeats });
  const [fan] = await createFans(sql, 1);
  const seat = event.seats[0]!;
  const hold = await reserveSeats(db, kv, { userId: fan!.id, eventId: event.eventId, ticketIds: [seat.id] });
  const bookingId = randomUUID();
  const sessionId = `cs_test_${randomUUID().replaceAll('-', '')}`;
  await sql`insert into bookings (id, reservation_id, user_id, event_id, status, total_minor, currency, stripe_session_id, checkout_url)
    values (${bookingId}, ${hold.reservationId}, ${fan!.id}, ${event.eventId}, 'pending', ${seat.price}, 'USD', ${sessionId}, 'http://stripe.test/pay')`;
  return { fan: fan!, hold, bookingId, sessionId };
}

describe('payment states told to the fan', () => {
  it('a checkout opened and left is "not paid", kept with its live hold, and never under My tickets', async () => {
    const { fan, hold, bookingId } = await holdWithCheckout(2);

    expect(await listUserBookings(db, fan.id)).toEqual([]);
    const booking = await getBooking(db, { userId: fan.id, bookingId });
    expect(booking.payment).toBe('not_paid');
    expect(booking.hold).toEqual({ live: true, expiresAt: hold.expiresAt.toISOString() });
    expect((await getReservation(db, { userId: fan.id, reservationId: hold.reservationId })).booking).toEqual({
      id: bookingId,
      payment: 'not_paid',
    });
    expect((await listUserReservations(db, fan.id)).map((r) => [r.id, r.status, r.payment])).toEqual([
      [hold.reservationId, 'active', 'not_paid'],
    ]);
  });

  it('a declined or expired checkout is "not paid" too, and says so until the hold ends', async () => {
    const declined = await holdWithCheckout(2);
    await endCheckout(db, { session: { id: declined.sessionId, metadata: { bookingId: declined.bookingId } }, outcome: 'failed' });
    expect(await listUserBookings(db, declined.fan.id)).toEqual([]);
    expect(await getBooking(db, { userId: declined.fan.id, bookingId: declined.bookingId })).toMatchObject({
      payment: 'not_paid',
      hold: { live: true },
    });

    const expired = await holdWithCheckout(2);
    await endCheckout(db, { session: { id: expired.sessionId, metadata: { bookingId: expired.bookingId } }, outcome: 'cancelled' });
    await sql`update reservations set expires_at = now() - interval '1 second' where id = ${expired.hold.reservationId}`;
    expect(await listUserBookings(db, expired.fan.id)).toEqual([]);
    expect(await getBooking(db, { userId: expired.fan.id, bookingId: expired.bookingId })).toMatchObject({
      payment: 'not_paid',
      hold: { live: false },
    });
  });

  it('a finished checkout is "confirming" and listed; only a confirmed payment reads as paid', async () => {
    const { fan, bookingId, sessionId } = await holdWithCheckout(2);
    // Another session's word changes nothing.
    expect(await markPaymentSubmitted(db, { bookingId, sessionId: 'cs_test_someone_else' })).toBe(false);
    expect(await markPaymentSubmitted(db, { bookingId, sessionId })).toBe(true);
    expect((await listUserBookings(db, fan.id)).map((b) => [b.id, b.payment])).toEqual([[bookingId, 'confirming']]);
    expect((await getBooking(db, { userId: fan.id, bookingId })).payment).toBe('confirming');

    await sql`update bookings set status = 'confirmed', confirmed_at = now() where id = ${bookingId}`;
    expect((await listUserBookings(db, fan.id)).map((b) => [b.id, b.payment])).toEqual([[bookingId, 'paid']]);
    // A settled booking is never marked again.
    expect(await markPaymentSubmitted(db, { bookingId, sessionId })).toBe(false);
  });
});
