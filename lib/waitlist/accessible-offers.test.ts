import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { holdSeats } from '@/lib/booking/hold-seats';
import { releaseHold } from '@/lib/booking/release-hold';
import { createRedisKv } from '@/lib/kv/redis';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans, type TestFan } from '@/lib/testing/factories';
import { testKvPrefix, testRedisUrl } from '@/lib/testing/test-env';
import { joinWaitlist } from './join-waitlist';
import { offerFreedSeats } from './offer-freed-seats';

// Waitlist offers never hand out wheelchair spaces or companion seats: a companion seat alone
// cannot be held (hold_seats()), and wheelchair spaces go to the fans who ask for them.
const sql = testSql();
const kv = createRedisKv(testRedisUrl, { prefix: `${testKvPrefix}waitlist-access:`, timeoutMs: 250 });
afterAll(async () => {
  await Promise.all([kv.close(), sql.end()]);
});

let address = 0;
const hold = (fan: TestFan, eventId: string, ticketIds: string[]) =>
  holdSeats(
    db,
    kv,
    {
      user: { id: fan.id, email: '', name: '' },
      headers: new Headers({ 'x-forwarded-for': `10.17.${(address >> 8) & 255}.${address++ & 255}` }),
      cookie: () => undefined,
    },
    'api-tickets',
    { eventId, ticketIds },
  );

describe('waitlist offers and accessible seats', () => {
  it('offers no freed wheelchair space or companion seat, and offers the next ordinary seat freed', async () => {
    // Row A: W C C W; row B: four ordinary seats (aisle seats at the ends).
    const e = await createEvent(sql, {
      sections: 1,
      rows: 2,
      seatsPerRow: 4,
      flagPlan: { accessibleRow: () => 'first', restrictedBeyond: 180 },
    });
    const [a, b, c, waiter] = await createFans(sql, 4);
    const ids = e.ticketIds;
    const accessible = await hold(a!, e.eventId, ids.slice(0, 2));
    await hold(a!, e.eventId, ids.slice(2, 4));
    const ordinary = await hold(b!, e.eventId, ids.slice(4, 6));
    await hold(c!, e.eventId, ids.slice(6, 8));
    await joinWaitlist(db, { userId: waiter!.id, eventId: e.eventId, quantity: 1, maxPrice: 100_000 });

    await releaseHold(db, kv, { userId: a!.id, reservationId: accessible.reservationId });
    expect(await offerFreedSeats(db, e.eventId)).toEqual([]);
    const [entry] = await sql`select status from waitlist_entries where user_id = ${waiter!.id}`;
    expect(entry!.status).toBe('waiting');
    const free = await sql`select id from tickets where event_id = ${e.eventId} and status = 'available' order by seat_index`;
    expect(free.map((t) => t.id)).toEqual(ids.slice(0, 2));

    await releaseHold(db, kv, { userId: b!.id, reservationId: ordinary.reservationId });
    // The release runs its own offer pass; this one finds the seat already offered or offers it.
    await offerFreedSeats(db, e.eventId);
    const offered = await sql`
      select t.id from waitlist_entries w join tickets t on t.hold_id = w.offer_reservation_id
      where w.user_id = ${waiter!.id} and w.status = 'offered'`;
    expect(offered).toHaveLength(1);
    expect(ids.slice(4, 6)).toContain(offered[0]!.id);
  });
});
