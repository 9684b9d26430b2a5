import { afterAll, describe, expect, it } from 'vitest';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans } from '@/lib/testing/factories';
import { api, baseUrl, sessionCookie } from '@/lib/testing/http';
import { payWithoutWebhook } from '@/lib/testing/stripe';

const sql = testSql();
afterAll(() => sql.end());

const bookingStatus = async (bookingId: string) => (await sql`select status from bookings where id = ${bookingId}`)[0]!.status as string;

async function paidWithoutWebhook() {
  const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 2 });
  const [fan, other] = await createFans(sql, 2);
  const cookie = await sessionCookie(fan!);
  const hold = await api('/api/reservations', { method: 'POST', cookie, json: { eventId: event.eventId, ticketIds: event.ticketIds } });
  const { reservationId } = hold.body as { reservationId: string };
  const started = await api(`/api/bookings/${reservationId}`, { method: 'POST', cookie, json: {} });
  const { bookingId } = started.body as { bookingId: string };
  const [b] = await sql`select stripe_session_id from bookings where id = ${bookingId}`;
  const sessionId = b!.stripe_session_id as string;
  await payWithoutWebhook(sessionId);
  return { bookingId, sessionId, cookie, otherCookie: await sessionCookie(other!) };
}

const returnFrom = (sessionId: string, cookie?: string) =>
  fetch(`${baseUrl}/api/checkout/return?session_id=${encodeURIComponent(sessionId)}`, {
    redirect: 'manual',
    headers: cookie ? { cookie } : {},
  });

// Stripe's success_url: the return settles a paid checkout itself when the webhook has not come
// (yet), in a route handler, then redirects to the booking page, which only reads.
describe('GET /api/checkout/return?session_id=...', () => {
  it('confirms a paid booking without any webhook and redirects to it; other fans get 404 and change nothing', async () => {
    const c = await paidWithoutWebhook();

    const stranger = await returnFrom(c.sessionId, c.otherCookie);
    expect(stranger.status).toBe(404);
    expect(await stranger.json()).toMatchObject({ error: { code: 'not_found' } });
    expect(await bookingStatus(c.bookingId)).toBe('pending');

    const anonymous = await returnFrom(c.sessionId);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe(
      `/sign-in?callbackUrl=${encodeURIComponent(`/api/checkout/return?session_id=${c.sessionId}`)}`,
    );
    expect(await bookingStatus(c.bookingId)).toBe('pending');

    const unknown = await returnFrom('cs_test_not_a_session_of_ours', c.cookie);
    expect(unknown.status).toBe(404);
    expect((await returnFrom('../../etc', c.cookie)).status).toBe(404);

    const mine = await returnFrom(c.sessionId, c.cookie);
    expect(mine.status).toBe(303);
    expect(mine.headers.get('location')).toBe(`/bookings/${c.bookingId}`);
    expect(await bookingStatus(c.bookingId)).toBe('confirmed');
    expect(await sql`select ticket_id from sold_tickets where booking_id = ${c.bookingId}`).toHaveLength(2);

    const page = await api(`/bookings/${c.bookingId}`, { cookie: c.cookie });
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('You’re going!');
    // A second return (a reload) changes nothing and lands in the same place.
    expect((await returnFrom(c.sessionId, c.cookie)).headers.get('location')).toBe(`/bookings/${c.bookingId}`);
  });

  it('leaves the booking page a pure read: rendering it settles nothing, even with a session_id', async () => {
    const c = await paidWithoutWebhook();
    const page = await api(`/bookings/${c.bookingId}?session_id=${c.sessionId}`, { cookie: c.cookie });
    expect(page.status).toBe(200);
    // Nothing told us the fan finished the checkout (no return, no webhook): not paid, as far as we know.
    expect(String(page.body)).toContain('Not paid');
    expect(await bookingStatus(c.bookingId)).toBe('pending');
    expect((await api(`/bookings/${c.bookingId}`, { cookie: c.otherCookie })).status).toBe(404);
  });
});
