import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { createRedisKv } from '@/lib/kv/redis';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans } from '@/lib/testing/factories';
import { testKvPrefix, testRedisUrl } from '@/lib/testing/test-env';
import { listUserReservations } from './list-user-reservations';
import { releaseHold } from './release-hold';
import { reserveSeats } from './reserve-seats';

const sql = testSql();
const kv = createRedisKv(testRedisUrl, { prefix: `${testKvPrefix}list-holds:`, timeoutMs: 250 });
afterAll(async () => {
  await Promise.all([kv.close(), sql.end()]);
});

describe('listUserReservations', () => {
  it("lists only the fan's holds, newest first, with seat count, total and the status a reader should see", async () => {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 6 });
    const [fan, other] = await createFans(sql, 2);
    const [a, b, c, d] = event.seats;

    const released = await reserveSeats(db, kv, { userId: fan!.id, eventId: event.eventId, ticketIds: [a!.id] });
    await releaseHold(db, kv, { userId: fan!.id, reservationId: released.reservationId });
    const lapsed = await reserveSeats(db, kv, { userId: fan!.id, eventId: event.eventId, ticketIds: [b!.id] });
    // Past its expiry but not yet swept: it must read as expired.
    await sql`update reservations set expires_at = now() - interval '1 second' where id = ${lapsed.reservationId}`;
    const active = await reserveSeats(db, kv, { userId: fan!.id, eventId: event.eventId, ticketIds: [c!.id, d!.id] });
    await reserveSeats(db, kv, { userId: other!.id, eventId: event.eventId, ticketIds: [event.seats[4]!.id] });

    const list = await listUserReservations(db, fan!.id);
    expect(list.map((r) => [r.id, r.status, r.seatCount, r.total])).toEqual([
      [active.reservationId, 'active', 2, c!.price + d!.price],
      [lapsed.reservationId, 'expired', 1, b!.price],
      [released.reservationId, 'released', 1, a!.price],
    ]);
    expect(list[0]!.event).toMatchObject({ id: event.eventId, city: 'Testville', timezone: 'UTC', currency: 'USD' });
  });
});
