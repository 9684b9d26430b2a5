import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { createRedisKv } from '@/lib/kv/redis';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans } from '@/lib/testing/factories';
import { testKvPrefix, testRedisUrl } from '@/lib/testing/test-env';
import { expireHolds } from './expire-holds';
import { getReservation } from './get-reservation';
import { releaseHold } from './release-hold';
import { reserveSeats } from './reserve-seats';

const sql = testSql();
const kv = createRedisKv(testRedisUrl, { prefix: `${testKvPrefix}release:`, timeoutMs: 250 });
afterAll(async () => {
  await Promise.all([kv.close(), sql.end()]);
});

describe('releaseHold', () => {
  it('gives the seats back and drops the Redis locks; only the owner may', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 4 });
    const [owner, other] = await createFans(sql, 2);
    const ids = event.ticketIds.slice(0, 2);
    const hold = await reserveSeats(db, kv, { userId: owner!.id, eventId: event.eventId, ticketIds: ids });

    await expect(releaseHold(db, kv, { userId: other!.id, reservationId: hold.reservationId })).rejects.toMatchObject({
      code: 'not_found',
    });
    const [still] = await sql`select count(*)::int as n from tickets where hold_id = ${hold.reservationId}`;
    expect(still!.n).toBe(2);

    await releaseHold(db, kv, { userId: owner!.id, reservationId: hold.reservationId });
    const tickets = await sql`select status, hold_id from tickets where id = any(${ids}::uuid[])`;
    expect(tickets.every((t) => t.status === 'available' && t.hold_id === null)).toBe(true);
    expect(await kv.get(`lock:ticket:${ids[0]}`)).toBeNull();
    expect((await getReservation(db, { userId: owner!.id, reservationId: hold.reservationId })).status).toBe('released');

    // Twice is fine; the seats are immediately holdable by someone else.
    await releaseHold(db, kv, { userId: owner!.id, reservationId: hold.reservationId });
    await reserveSeats(db, kv, { userId: other!.id, eventId: event.eventId, ticketIds: ids });
  });

  it('answers 410 for a lapsed hold and leaves the seat with its new holder', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 2 });
    const [a, b] = await createFans(sql, 2);
    const hold = await reserveSeats(db, kv, { userId: a!.id, eventId: event.eventId, ticketIds: [event.ticketIds[0]!] });
    await sql`update tickets set hold_expires_at = now() - interval '1 s' where hold_id = ${hold.reservationId}`;
    await sql`update reservations set expires_at = now() - interval '1 s' where id = ${hold.reservationId}`;
    await kv.releaseLocks([`lock:ticket:${event.ticketIds[0]}`], hold.reservationId);
    const next = await reserveSeats(db, kv, { userId: b!.id, eventId: event.eventId, ticketIds: [event.ticketIds[0]!] });

    await expect(releaseHold(db, kv, { userId: a!.id, reservationId: hold.reservationId })).rejects.toMatchObject({ code: 'hold_expired' });
    const [t] = await sql`select hold_id from tickets where id = ${event.ticketIds[0]!}`;
    expect(t!.hold_id).toBe(next.reservationId);
  });
});

describe('expireHolds', () => {
  it('returns lapsed seats and marks their reservations expired, leaving live holds alone', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 4 });
    const [a, b] = await createFans(sql, 2);
    const lapsed = await reserveSeats(db, kv, { userId: a!.id, eventId: event.eventId, ticketIds: [event.ticketIds[0]!] });
    const live = await reserveSeats(db, kv, { userId: b!.id, eventId: event.eventId, ticketIds: [event.ticketIds[1]!] });
    await sql`update tickets set hold_expires_at = now() - interval '1 s' where hold_id = ${lapsed.reservationId}`;
    await sql`update reservations set expires_at = now() - interval '1 s' where id = ${lapsed.reservationId}`;

    const result = await expireHolds(db);
    expect(result.tickets).toBeGreaterThanOrEqual(1);
    const rows = await sql`select id, status from tickets where id = any(${event.ticketIds.slice(0, 2)}::uuid[])`;
    const byId = Object.fromEntries(rows.map((r) => [r.id, r.status]));
    expect(byId[event.ticketIds[0]!]).toBe('available');
    expect(byId[event.ticketIds[1]!]).toBe('reserved');
    const [r1] = await sql`select status from reservations where id = ${lapsed.reservationId}`;
    const [r2] = await sql`select status from reservations where id = ${live.reservationId}`;
    expect(r1!.status).toBe('expired');
    expect(r2!.status).toBe('active');
  });
});
