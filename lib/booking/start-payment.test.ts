import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/db';
import { createCheckoutSession } from '@/lib/payments/checkout';
import { createRedisKv } from '@/lib/kv/redis';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans } from '@/lib/testing/factories';
import { race } from '@/lib/testing/race';
import { standInUrl, testStripe } from '@/lib/testing/stripe';
import { testKvPrefix, testRedisUrl } from '@/lib/testing/test-env';
import { expireHolds } from './expire-holds';
import { releaseHold } from './release-hold';
import { reserveSeats } from './reserve-seats';
import { startPayment } from './start-payment';

// The real adapter (and so the real Stripe stand-in), wrapped so a test can look at the database
// while Stripe is being called, or make the call fail.
vi.mock('@/lib/payments/checkout', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/lib/payments/checkout')>();
  return { ...real, createCheckoutSession: vi.fn(real.createCheckoutSession) };
});
const realCreate = (await vi.importActual<typeof import('@/lib/payments/checkout')>('@/lib/payments/checkout')).createCheckoutSession;
afterEach(() => vi.mocked(createCheckoutSession).mockReset().mockImplementation(realCreate));

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
    expect(booking).toMatchObject({
      status: 'pending',
      total_minor: a!.price + b!.price,
      currency: 'USD',
      reservation_id: hold.reservationId,
    });

    const session = await stripe.checkout.sessions.retrieve(booking!.stripe_session_id);
    expect(session).toMatchObject({
      amount_total: a!.price + b!.price,
      currency: 'usd',
      client_reference_id: hold.reservationId,
      metadata: { reservationId: hold.reservationId, bookingId: started.bookingId },
      success_url: expect.stringContaining('/api/checkout/return?session_id={CHECKOUT_SESSION_ID}'),
      cancel_url: expect.stringContaining(`/reservations/${hold.reservationId}`),
    });
    expect(session.expires_at * 1000 - Date.now()).toBeGreaterThan(29 * 60_000);
    // The line items name each section as the map does ("Section 1"), not by its code ("S1").
    const lines = vi.mocked(createCheckoutSession).mock.calls[0]![0].lines.map((l) => l.name);
    expect(lines).toEqual([expect.stringMatching(/: Section 1, row A, seat 1$/), expect.stringMatching(/: Section 1, row A, seat 2$/)]);

    // Extended in Postgres (hold and seats together) and in Redis.
    const expiresAt = new Date(started.expiresAt).getTime();
    expect(expiresAt - Date.now()).toBeGreaterThan(14 * 60_000);
    const seats = await sql`select hold_expires_at from tickets where hold_id = ${hold.reservationId}`;
    expect(seats.every((s) => new Date(s.hold_expires_at).getTime() === expiresAt)).toBe(true);
    expect(await kv.pttl(`lock:ticket:${a!.id}`)).toBeGreaterThan(14 * 60_000);

    // Again (a double click, a second tab): the same booking and session, no second extension.
    const before = await snapshot(hold.reservationId);
    const again = await Promise.all([1, 2, 3].map(() => startPayment(db, kv, { userId: fan!.id, reservationId: hold.reservationId })));
    for (const s of again)
      expect(s).toMatchObject({ bookingId: started.bookingId, checkoutUrl: started.checkoutUrl, expiresAt: started.expiresAt });
    expect(await snapshot(hold.reservationId)).toBe(before);
  });

  it("refuses another fan's hold (404, as for none) and an expired hold (410), changing nothing", async () => {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 4 });
    const [owner, other] = await createFans(sql, 2);
    const hold = await reserveSeats(db, kv, { userId: owner!.id, eventId: event.eventId, ticketIds: [event.ticketIds[0]!] });
    const before = await snapshot(hold.reservationId);
    await expect(startPayment(db, kv, { userId: other!.id, reservationId: hold.reservationId })).rejects.toMatchObject({
      code: 'not_found',
      status: 404,
    });
    expect(await snapshot(hold.reservationId)).toBe(before);

    await sql`update reservations set expires_at = now() - interval '1 s' where id = ${hold.reservationId}`;
    await sql`update tickets set hold_expires_at = now() - interval '1 s' where hold_id = ${hold.reservationId}`;
    const lapsed = await snapshot(hold.reservationId);
    await expect(startPayment(db, kv, { userId: owner!.id, reservationId: hold.reservationId })).rejects.toMatchObject({
      code: 'hold_expired',
      status: 410,
    });
    expect(await snapshot(hold.reservationId)).toBe(lapsed);
    await expect(startPayment(db, kv, { userId: owner!.id, reservationId: 'not-a-uuid' })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('startPayment and Stripe', () => {
  async function freshHold(seats = 2) {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 4 });
    const [fan] = await createFans(sql, 1);
    const hold = await reserveSeats(db, kv, { userId: fan!.id, eventId: event.eventId, ticketIds: event.ticketIds.slice(0, seats) });
    return { fan: fan!, reservationId: hold.reservationId };
  }
  const sessionsFor = async (reservationId: string) =>
    (
      (await (await fetch(`${standInUrl}/_standin/checkout/sessions?reservation=${reservationId}`)).json()) as {
        data: Array<{ id: string; status: string }>;
      }
    ).data;

  it('calls Stripe with no transaction open: the hold and booking rows are free while it answers', async () => {
    const { fan, reservationId } = await freshHold();
    const probes: Array<{ reservation: number; booking: number; pending: unknown }> = [];
    vi.mocked(createCheckoutSession).mockImplementationOnce(async (input) => {
      // NOWAIT fails at once if any transaction holds these rows: the old code held them here.
      const reservation = await sql`select id from reservations where id = ${reservationId} for update nowait`;
      const booking = await sql`select id from bookings where reservation_id = ${reservationId} for update nowait`;
      const [pending] =
        await sql`select status, stripe_session_id, checkout_attempt is not null as claimed from bookings where reservation_id = ${reservationId}`;
      probes.push({ reservation: reservation.length, booking: booking.length, pending });
      return realCreate(input);
    });
    const started = await startPayment(db, kv, { userId: fan.id, reservationId });
    // The pending booking was written first, claimed by the attempt, before Stripe was called.
    expect(probes).toEqual([{ reservation: 1, booking: 1, pending: { status: 'pending', stripe_session_id: null, claimed: true } }]);
    const [booking] = await sql`select status, checkout_url, checkout_attempt from bookings where id = ${started.bookingId}`;
    expect(booking).toEqual({ status: 'pending', checkout_url: started.checkoutUrl, checkout_attempt: null });
  });

  it('opens one session when two tabs race, even while Stripe is slow', async () => {
    const { fan, reservationId } = await freshHold();
    vi.mocked(createCheckoutSession).mockImplementation(async (input) => {
      await new Promise((r) => setTimeout(r, 400));
      return realCreate(input);
    });
    const outcome = await race(Array.from({ length: 6 }, () => () => startPayment(db, kv, { userId: fan.id, reservationId })));
    const answers = outcome.results.map((r) => {
      if (!r.ok) throw r.error;
      return r.value;
    });
    expect(new Set(answers.map((a) => a.bookingId)).size).toBe(1);
    expect(new Set(answers.map((a) => a.checkoutUrl)).size).toBe(1);
    expect(vi.mocked(createCheckoutSession)).toHaveBeenCalledTimes(1);
    expect(await sessionsFor(reservationId)).toHaveLength(1);
    const [n] = await sql`select count(*)::int as n from bookings where reservation_id = ${reservationId}`;
    expect(n!.n).toBe(1);
  });

  it('takes over an attempt whose request died, and expires the late session it would have made', async () => {
    const { fan, reservationId } = await freshHold();
    let releaseFirst!: () => void;
    const firstMayAnswer = new Promise<void>((resolve) => (releaseFirst = resolve));
    vi.mocked(createCheckoutSession).mockImplementationOnce(async (input) => {
      await firstMayAnswer;
      return realCreate(input);
    });
    const first = startPayment(db, kv, { userId: fan.id, reservationId });
    await expect
      .poll(
        async () => (await sql`select checkout_attempt from bookings where reservation_id = ${reservationId}`)[0]?.checkout_attempt ?? null,
      )
      .not.toBeNull();
    // Age the claim past its staleness, as if the first request had died long ago.
    await sql`update bookings set checkout_attempt_at = now() - interval '10 minutes' where reservation_id = ${reservationId}`;
    const second = await startPayment(db, kv, { userId: fan.id, reservationId });
    releaseFirst();
    // The first request's late session is expired, and it answers with the one open checkout.
    await expect(first).resolves.toMatchObject({ bookingId: second.bookingId, checkoutUrl: second.checkoutUrl });
    const sessions = await sessionsFor(reservationId);
    expect(sessions).toHaveLength(2);
    const open = sessions.filter((s) => s.status === 'open');
    expect(open).toHaveLength(1);
    const [booking] = await sql`select stripe_session_id, checkout_url from bookings where reservation_id = ${reservationId}`;
    expect(booking).toMatchObject({ stripe_session_id: open[0]!.id, checkout_url: second.checkoutUrl });
  });

  it('leaves nothing behind when Stripe fails, and a retry then works', async () => {
    const { fan, reservationId } = await freshHold(1);
    vi.mocked(createCheckoutSession).mockRejectedValueOnce(
      Object.assign(new Error('connect ECONNREFUSED'), { type: 'StripeConnectionError' }),
    );
    await expect(startPayment(db, kv, { userId: fan.id, reservationId })).rejects.toMatchObject({ code: 'unavailable', status: 503 });
    expect(await sql`select 1 from bookings where reservation_id = ${reservationId}`).toHaveLength(0);
    const started = await startPayment(db, kv, { userId: fan.id, reservationId });
    expect(started.checkoutUrl).toMatch(/\/checkout\/cs_test_/);
  });

  it('never records a session for a hold released while Stripe was answering', async () => {
    const { fan, reservationId } = await freshHold(1);
    vi.mocked(createCheckoutSession).mockImplementationOnce(async (input) => {
      await releaseHold(db, kv, { userId: fan.id, reservationId });
      return realCreate(input);
    });
    await expect(startPayment(db, kv, { userId: fan.id, reservationId })).rejects.toMatchObject({ code: 'hold_not_active' });
    const [booking] = await sql`select status, stripe_session_id from bookings where reservation_id = ${reservationId}`;
    expect(booking).toMatchObject({ status: 'cancelled', stripe_session_id: null });
    const sessions = await sessionsFor(reservationId);
    expect(sessions.map((s) => s.status)).toEqual(['expired']);
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
