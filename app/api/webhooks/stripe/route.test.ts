import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans, type TestEvent } from '@/lib/testing/factories';
import { api, sessionCookie } from '@/lib/testing/http';
import { deliverWebhook, payWithoutWebhook, sessionEvent, testStripe, webhookSecret } from '@/lib/testing/stripe';
import { signatureHeader } from '../../../../scripts/stripe-standin/sign';

// Against the running server: the webhook as Stripe calls it, signed with the endpoint secret.
const sql = testSql();
const stripe = testStripe();
afterAll(() => sql.end());

let event: TestEvent;
beforeAll(async () => {
  event = await createEvent(sql, { sections: 1, rows: 2, seatsPerRow: 10 });
});

let nextSeat = 0;
/** A hold of two seats by a fan of its own (the per-fan limit counts paid seats), checkout started. */
async function startedCheckout() {
  const ticketIds = event.ticketIds.slice(nextSeat, nextSeat + 2);
  nextSeat += 2;
  const [buyer] = await createFans(sql, 1);
  const cookie = await sessionCookie(buyer!);
  const hold = await api('/api/reservations', { method: 'POST', cookie, json: { eventId: event.eventId, ticketIds } });
  expect(hold.status).toBe(201);
  const { reservationId } = hold.body as { reservationId: string };
  const started = await api(`/api/bookings/${reservationId}`, { method: 'POST', cookie, json: {} });
  expect(started.status).toBe(200);
  const { bookingId } = started.body as { bookingId: string };
  const [b] = await sql`select stripe_session_id from bookings where id = ${bookingId}`;
  return { reservationId, bookingId, ticketIds, sessionId: b!.stripe_session_id as string, email: buyer!.email };
}

async function state(bookingId: string, ticketIds: string[]) {
  const [booking] = await sql`select status, status_reason, confirmed_at from bookings where id = ${bookingId}`;
  const tickets = await sql`select id, status, hold_id, booking_id from tickets where id = any(${ticketIds}::uuid[]) order by id`;
  const sold = await sql`select ticket_id, booking_id from sold_tickets where ticket_id = any(${ticketIds}::uuid[]) order by ticket_id`;
  const [r] =
    await sql`select b.reservation_id, r.status, r.expires_at from bookings b join reservations r on r.id = b.reservation_id where b.id = ${bookingId}`;
  return { booking: booking!, tickets, sold, reservation: r! };
}

describe('POST /api/webhooks/stripe', () => {
  it('answers 400 to a bad, missing or stale signature and changes nothing', async () => {
    const c = await startedCheckout();
    const { event: completed } = await payWithoutWebhook(c.sessionId);
    const before = JSON.stringify(await state(c.bookingId, c.ticketIds));
    const payload = JSON.stringify(completed);

    const attempts = [
      deliverWebhook(completed, { signature: null }),
      deliverWebhook(completed, { secret: 'whsec_not_the_secret' }),
      deliverWebhook(completed, { signature: 't=123,v1=deadbeef' }),
      deliverWebhook(completed, { timestamp: Math.floor(Date.now() / 1000) - 3600 }),
      // Signed correctly, then tampered with: the signature covers the raw bytes.
      fetch(`${process.env.E2E_BASE_URL}/api/webhooks/stripe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': signatureHeader(payload, webhookSecret) },
        body: payload.replace('"paid"', '"paid" '),
      }).then(async (r) => ({ status: r.status, body: await r.json() })),
    ];
    for (const result of await Promise.all(attempts)) {
      expect(result.status).toBe(400);
      expect(result.body).toMatchObject({ error: { code: 'bad_request', message: expect.any(String) } });
    }
    expect(JSON.stringify(await state(c.bookingId, c.ticketIds))).toBe(before);
    const recorded = await sql`select 1 from stripe_events where id = ${completed.id}`;
    expect(recorded).toHaveLength(0);
  });

  it('answers 400 to a signature stamped in the future (issue 10, finding 9) and changes nothing', async () => {
    const c = await startedCheckout();
    const { event: completed } = await payWithoutWebhook(c.sessionId);
    const before = JSON.stringify(await state(c.bookingId, c.ticketIds));
    const now = Math.floor(Date.now() / 1000);
    for (const timestamp of [now + 3600, now + 400, now - 400]) {
      expect(await deliverWebhook(completed, { timestamp })).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
    }
    expect(JSON.stringify(await state(c.bookingId, c.ticketIds))).toBe(before);
    expect(await sql`select 1 from stripe_events where id = ${completed.id}`).toHaveLength(0);
    // Within the tolerance on either side (clock skew) it is accepted.
    expect(await deliverWebhook(completed, { timestamp: now + 60 })).toMatchObject({ status: 200, body: { outcome: 'processed' } });
  });

  it('acknowledges and ignores a signed event whose data or data.object is null (issue 10, finding 6b)', async () => {
    const c = await startedCheckout();
    const { event: completed } = await payWithoutWebhook(c.sessionId);
    const before = JSON.stringify(await state(c.bookingId, c.ticketIds));
    const shapes: unknown[] = [
      { ...completed, id: `evt_null_data_${randomUUID()}`, data: null },
      { ...completed, id: `evt_null_object_${randomUUID()}`, data: { object: null } },
      { ...completed, id: `evt_no_data_${randomUUID()}`, data: undefined },
      { ...completed, id: `evt_string_object_${randomUUID()}`, data: { object: 'cs_test_x' } },
      { ...completed, id: `evt_bad_session_${randomUUID()}`, data: { object: { ...completed.data.object, id: 42, metadata: 'x' } } },
      { ...completed, id: 42 },
      null,
      [],
      'checkout.session.completed',
    ];
    for (const shape of shapes) {
      const result = await deliverWebhook(shape);
      expect(result, JSON.stringify(shape)?.slice(0, 80)).toMatchObject({ status: 200, body: { received: true, outcome: 'ignored' } });
    }
    expect(JSON.stringify(await state(c.bookingId, c.ticketIds))).toBe(before);
    const recorded =
      await sql`select id from stripe_events where id like 'evt_null_%' or id like 'evt_no_data_%' or id like 'evt_string_%' or id like 'evt_bad_session_%'`;
    expect(recorded).toHaveLength(0);
  });

  it('applies an event once however often it arrives, and ignores expiry after completion', async () => {
    const c = await startedCheckout();
    const { event: completed } = await payWithoutWebhook(c.sessionId);

    expect(await deliverWebhook(completed)).toMatchObject({ status: 200, body: { outcome: 'processed' } });
    const confirmed = await state(c.bookingId, c.ticketIds);
    expect(confirmed.booking.status).toBe('confirmed');
    expect(confirmed.sold).toHaveLength(2);
    expect(confirmed.tickets.every((t) => t.status === 'sold' && t.booking_id === c.bookingId)).toBe(true);
    const snapshot = JSON.stringify(confirmed);

    expect(await deliverWebhook(completed)).toMatchObject({ status: 200, body: { outcome: 'duplicate' } });
    // The same completion under a new event id, then a late expiry: neither changes anything.
    expect((await deliverWebhook(sessionEvent('checkout.session.completed', completed.data.object))).status).toBe(200);
    const late = { ...completed.data.object, status: 'expired' as const };
    expect((await deliverWebhook(sessionEvent('checkout.session.expired', late))).status).toBe(200);
    expect((await deliverWebhook(sessionEvent('checkout.session.async_payment_failed', late))).status).toBe(200);
    expect(JSON.stringify(await state(c.bookingId, c.ticketIds))).toBe(snapshot);
    const [n] = await sql`select count(*)::int as n from stripe_events where id = ${completed.id}`;
    expect(n!.n).toBe(1);
  });

  it('marks a failed async payment and keeps the hold; an expiry then cancels the booking', async () => {
    const c = await startedCheckout();
    const session = await stripe.checkout.sessions.retrieve(c.sessionId);
    const before = await state(c.bookingId, c.ticketIds);

    expect((await deliverWebhook(sessionEvent('checkout.session.async_payment_failed', session))).status).toBe(200);
    const failed = await state(c.bookingId, c.ticketIds);
    expect(failed.booking).toMatchObject({ status: 'failed', status_reason: expect.stringContaining('did not approve') });
    expect(failed.tickets).toEqual(before.tickets);
    expect(failed.reservation.status).toBe('active');

    expect((await deliverWebhook(sessionEvent('checkout.session.expired', { ...session, status: 'expired' }))).status).toBe(200);
    expect((await state(c.bookingId, c.ticketIds)).booking.status).toBe('cancelled');
    expect((await state(c.bookingId, c.ticketIds)).tickets).toEqual(before.tickets);
  });

  it('confirms after async_payment_succeeded, and acknowledges sessions that are not ours', async () => {
    const c = await startedCheckout();
    const { session } = await payWithoutWebhook(c.sessionId);
    expect((await deliverWebhook(sessionEvent('checkout.session.async_payment_succeeded', session))).status).toBe(200);
    expect((await state(c.bookingId, c.ticketIds)).booking.status).toBe('confirmed');

    const foreign = { ...session, id: 'cs_test_foreign', metadata: { bookingId: randomUUID() }, client_reference_id: null };
    const notOurs = [
      sessionEvent('checkout.session.completed', foreign),
      sessionEvent('checkout.session.expired', foreign),
      sessionEvent('checkout.session.async_payment_failed', { ...foreign, metadata: { bookingId: 'not-a-booking' } }),
    ];
    for (const event of notOurs) expect(await deliverWebhook(event)).toMatchObject({ status: 200, body: { outcome: 'ignored' } });
    // Acknowledged, and nothing written: not even the event id.
    expect(await sql`select 1 from stripe_events where id = any(${notOurs.map((e) => e.id)})`).toHaveLength(0);
  });

  it('is reached by the stand-in itself after a card payment on the hosted page', async () => {
    const c = await startedCheckout();
    const session = await stripe.checkout.sessions.retrieve(c.sessionId);
    const paid = await fetch(session.url!, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: c.email, card: '4242 4242 4242 4242', expiry: '12 / 40', cvc: '123' }),
    });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toMatch(new RegExp(`/api/checkout/return\\?session_id=${c.sessionId}$`));
    await expect.poll(async () => (await state(c.bookingId, c.ticketIds)).booking.status, { timeout: 10_000 }).toBe('confirmed');
  });
});
