import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { createRedisKv } from '@/lib/kv/redis';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans, type TestFan } from '@/lib/testing/factories';
import { testKvPrefix, testRedisUrl } from '@/lib/testing/test-env';
import { reserveSeats } from './reserve-seats';

// The per-fan ticket limit counts what a fan already bought together with live holds, and holds
// under concurrency from any number of tabs or devices (they share nothing but the account).

const sql = testSql();
const kv = createRedisKv(testRedisUrl, { prefix: `${testKvPrefix}limit:`, timeoutMs: 250 });

afterAll(async () => {
  await Promise.all([kv.close(), sql.end()]);
});

/** A completed purchase as fulfilment leaves it: a converted reservation and sold tickets. */
async function buy(fan: TestFan, eventId: string, ticketIds: string[]) {
  const hold = await reserveSeats(db, kv, { userId: fan.id, eventId, ticketIds });
  await sql.begin(async (tx) => {
    const [booking] = await tx`
      insert into bookings (reservation_id, user_id, event_id, status, total_minor, currency)
      values (${hold.reservationId}, ${fan.id}, ${eventId}, 'confirmed', 5000, 'USD') returning id`;
    await tx`update reservations set status = 'converted', ended_at = now() where id = ${hold.reservationId}`;
    await tx`update tickets set status = 'sold', booking_id = ${booking!.id}, hold_id = null, hold_expires_at = null
             where id = any(${ticketIds}::uuid[])`;
  });
}

describe('per-fan ticket limit across tabs and devices', () => {
  it('counts purchases and holds together when several devices reserve at once', async () => {
    const limit = env.TICKET_LIMIT_PER_EVENT;
    const event = await createEvent(sql, { sections: 1, rows: 2, seatsPerRow: 10 });
    const [fan] = (await createFans(sql, 1)) as [TestFan];
    const bought = limit - 3;
    await buy(fan, event.eventId, event.ticketIds.slice(0, bought));

    // Six devices, one seat each, at the same moment: only three fit.
    const attempts = await Promise.allSettled(
      event.ticketIds.slice(10, 16).map((id) => reserveSeats(db, kv, { userId: fan.id, eventId: event.eventId, ticketIds: [id] })),
    );
    const won = attempts.filter((a) => a.status === 'fulfilled');
    const lost = attempts.flatMap((a) => (a.status === 'rejected' ? [a.reason as AppError] : []));
    expect(won).toHaveLength(3);
    expect(lost.map((e) => e.code)).toEqual(['ticket_limit', 'ticket_limit', 'ticket_limit']);
    expect(lost[0]!.details).toMatchObject({ limit });

    const [owned] = await sql`
      select count(*)::int as n from reservation_tickets rt join reservations r on r.id = rt.reservation_id
      where r.user_id = ${fan.id} and r.event_id = ${event.eventId} and r.status in ('active', 'converted')`;
    expect(owned!.n).toBe(limit);
  });

  it('refuses more once purchases alone reach the limit', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 10 });
    const [fan] = (await createFans(sql, 1)) as [TestFan];
    await buy(fan, event.eventId, event.ticketIds.slice(0, env.TICKET_LIMIT_PER_EVENT));
    const more = reserveSeats(db, kv, { userId: fan.id, eventId: event.eventId, ticketIds: [event.ticketIds[9]!] });
    await expect(more).rejects.toMatchObject({ code: 'ticket_limit' });
  });
});
