import { afterAll, describe, expect, it } from 'vitest';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans } from '@/lib/testing/factories';
import { api, sessionCookie } from '@/lib/testing/http';
import { payWithoutWebhook } from '@/lib/testing/stripe';

const sql = testSql();
afterAll(() => sql.end());

// The success page settles a paid checkout itself when the webhook has not come (yet).
describe('GET /bookings/{id}?session_id=...', () => {
  it('confirms a paid booking without any webhook, and shows other fans nothing', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 2 });
    const [fan, other] = await createFans(sql, 2);
    const cookie = await sessionCookie(fan!);
    const hold = await api('/api/reservations', { method: 'POST', cookie, json: { eventId: event.eventId, ticketIds: event.ticketIds } });
    const { reservationId } = hold.body as { reservationId: string };
    const started = await api(`/api/bookings/${reservationId}`, { method: 'POST', cookie, json: {} });
    const { bookingId } = started.body as { bookingId: string };
    const [b] = await sql`select stripe_session_id from bookings where id = ${bookingId}`;
    await payWithoutWebhook(b!.stripe_session_id);

    const stranger = await api(`/bookings/${bookingId}?session_id=${b!.stripe_session_id}`, { cookie: await sessionCookie(other!) });
    expect(stranger.status).toBe(404);
    expect((await sql`select status from bookings where id = ${bookingId}`)[0]!.status).toBe('pending');

    const page = await api(`/bookings/${bookingId}?session_id=${b!.stripe_session_id}`, { cookie });
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('You’re going!');
    expect((await sql`select status from bookings where id = ${bookingId}`)[0]!.status).toBe('confirmed');
    const sold = await sql`select ticket_id from sold_tickets where booking_id = ${bookingId}`;
    expect(sold).toHaveLength(2);
  });
});
