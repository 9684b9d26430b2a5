import { afterAll, describe, expect, it } from 'vitest';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans } from '@/lib/testing/factories';
import { api, sessionCookie } from '@/lib/testing/http';

const sql = testSql();
afterAll(() => sql.end());

describe('POST /api/bookings/{reservationId}', () => {
  it('starts checkout for the owner only: 401 without a session, 404 for another fan (as for none), 410 once expired', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 2 });
    const [fan, stranger] = await createFans(sql, 2);
    const cookie = await sessionCookie(fan!);
    const ticketIds = event.ticketIds.slice(0, 1);
    const hold = await api('/api/reservations', { method: 'POST', cookie, json: { eventId: event.eventId, ticketIds } });
    const { reservationId } = hold.body as { reservationId: string };
    const snapshot = async () =>
      JSON.stringify(
        await sql`
      select r.status, r.expires_at, r.extended_at, (select count(*) from bookings b where b.reservation_id = r.id) as bookings
      from reservations r where r.id = ${reservationId}`,
      );
    const before = await snapshot();

    expect(await api(`/api/bookings/${reservationId}`, { method: 'POST', json: {} })).toMatchObject({
      status: 401,
      body: { error: { code: 'unauthorized' } },
    });
    expect(await api(`/api/bookings/${reservationId}`, { method: 'POST', cookie: await sessionCookie(stranger!), json: {} })).toMatchObject(
      {
        status: 404,
        body: { error: { code: 'not_found' } },
      },
    );
    expect(await api('/api/bookings/not-a-uuid', { method: 'POST', cookie, json: {} })).toMatchObject({ status: 404 });
    expect(await snapshot()).toBe(before);

    await sql`update reservations set expires_at = now() - interval '1 s' where id = ${reservationId}`;
    await sql`update tickets set hold_expires_at = now() - interval '1 s' where hold_id = ${reservationId}`;
    const lapsed = await snapshot();
    expect(await api(`/api/bookings/${reservationId}`, { method: 'POST', cookie, json: {} })).toMatchObject({
      status: 410,
      body: { error: { code: 'hold_expired' } },
    });
    expect(await snapshot()).toBe(lapsed);
  });

  it('answers the owner with the checkout, the same one when asked again', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 2 });
    const [fan] = await createFans(sql, 1);
    const cookie = await sessionCookie(fan!);
    const hold = await api('/api/reservations', { method: 'POST', cookie, json: { eventId: event.eventId, ticketIds: event.ticketIds } });
    const { reservationId } = hold.body as { reservationId: string };
    const first = await api(`/api/bookings/${reservationId}`, { method: 'POST', cookie, json: {} });
    expect(first).toMatchObject({
      status: 200,
      body: { bookingId: expect.any(String), status: 'pending', checkoutUrl: expect.stringContaining('/checkout/cs_test_') },
    });
    expect((await api(`/api/bookings/${reservationId}`, { method: 'POST', cookie })).body).toEqual(first.body);
  });
});
