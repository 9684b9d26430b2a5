import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans } from '@/lib/testing/factories';
import { api, sessionCookie } from '@/lib/testing/http';

const sql = testSql();
afterAll(() => sql.end());

// Issue 10, finding 10: a fan cannot tell another fan's hold or booking from one that does not
// exist. Pages and API alike answer 404, and nothing changes.
describe("another fan's hold or booking reads exactly like a missing one", () => {
  it('answers 404 not_found on every page and endpoint, for theirs and for none', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 4 });
    const [owner, stranger] = await createFans(sql, 2);
    const ownerCookie = await sessionCookie(owner!);
    const cookie = await sessionCookie(stranger!);
    const hold = await api('/api/reservations', {
      method: 'POST',
      cookie: ownerCookie,
      json: { eventId: event.eventId, ticketIds: event.ticketIds.slice(0, 2) },
    });
    const { reservationId } = hold.body as { reservationId: string };
    const started = await api(`/api/bookings/${reservationId}`, { method: 'POST', cookie: ownerCookie, json: {} });
    const { bookingId } = started.body as { bookingId: string };
    const snapshot = async () =>
      JSON.stringify({
        r: await sql`select status, expires_at, extended_at from reservations where id = ${reservationId}`,
        t: await sql`select id, status, hold_id, hold_expires_at from tickets where event_id = ${event.eventId} order by id`,
        b: await sql`select status, stripe_session_id, checkout_attempt from bookings where id = ${bookingId}`,
      });
    const before = await snapshot();

    for (const [theirs, none] of [
      [reservationId, randomUUID()],
      [reservationId.toUpperCase(), randomUUID().toUpperCase()],
    ] as const) {
      const calls = (id: string, booking: string) => [
        api(`/api/reservations/${id}`, { cookie }),
        api(`/api/reservations/${id}`, { method: 'DELETE', cookie }),
        api(`/api/bookings/${id}`, { method: 'POST', cookie, json: {} }),
        api(`/reservations/${id}`, { cookie }),
        api(`/bookings/${booking}`, { cookie }),
      ];
      const [a, b] = [await Promise.all(calls(theirs, bookingId)), await Promise.all(calls(none, randomUUID()))];
      for (const [i, result] of a.entries()) {
        expect(result.status, `call ${i} on another fan's`).toBe(404);
        expect(b[i]!.status, `call ${i} on a missing one`).toBe(404);
        if (i < 3) {
          expect(result.body).toEqual(b[i]!.body);
          expect(result.body).toMatchObject({ error: { code: 'not_found' } });
        } else {
          expect(String(result.body)).not.toContain('isn’t yours');
        }
      }
    }
    expect(await snapshot()).toBe(before);

    // The owner still sees it all.
    expect((await api(`/api/reservations/${reservationId}`, { cookie: ownerCookie })).status).toBe(200);
    expect((await api(`/reservations/${reservationId}`, { cookie: ownerCookie })).status).toBe(200);
    expect((await api(`/bookings/${bookingId}`, { cookie: ownerCookie })).status).toBe(200);
  });
});
