import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { AppError } from '@/lib/errors';
import { createRedisKv } from '@/lib/kv/redis';
import type { Kv } from '@/lib/kv/types';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans, type TestFan } from '@/lib/testing/factories';
import { holdInvariantViolations } from '@/lib/testing/invariants';
import { mulberry32, race } from '@/lib/testing/race';
import { testKvPrefix, testRedisUrl } from '@/lib/testing/test-env';
import { reserveSeats, type Hold } from './reserve-seats';

const sql = testSql();
const liveKv = createRedisKv(testRedisUrl, { prefix: `${testKvPrefix}reserve:`, timeoutMs: 250 });
// Nothing listens on port 1: every kv call fails, as when Redis is down.
const deadKv = createRedisKv('redis://127.0.0.1:1', { prefix: testKvPrefix, timeoutMs: 150 });

afterAll(async () => {
  await Promise.all([liveKv.close(), deadKv.close(), sql.end()]);
});

/**
 * 500 requests by 100 fans for overlapping runs of 1-4 seats out of 60, all at once. Afterwards
 * the database must show: no ticket in two active holds, every success recorded exactly as
 * answered, every refusal left nothing behind, nobody over the per-fan limit.
 */
async function raceForSeats(kv: Kv, label: string) {
  const event = await createEvent(sql, { sections: 2, rows: 3, seatsPerRow: 10 });
  const fans = await createFans(sql, 100);
  const random = mulberry32(42);
  const attempts = Array.from({ length: 500 }, (_, i) => {
    const fan = fans[i % fans.length] as TestFan;
    const size = 1 + Math.floor(random() * 4);
    const start = Math.floor(random() * (event.ticketIds.length - size));
    return { fan, ticketIds: event.ticketIds.slice(start, start + size) };
  });

  const outcome = await race(
    attempts.map((a) => () => reserveSeats(db, kv, { userId: a.fan.id, eventId: event.eventId, ticketIds: a.ticketIds })),
  );
  console.log(
    `[${label}] ${attempts.length} concurrent reservations: ${outcome.perSecond.toFixed(0)}/s, ` +
      `p50 ${outcome.p50.toFixed(1)} ms, p99 ${outcome.p99.toFixed(1)} ms`,
  );

  const wins = outcome.results.flatMap((r, i) => (r.ok ? [{ hold: r.value as Hold, attempt: attempts[i]! }] : []));
  const losses = outcome.results.filter((r) => !r.ok);
  for (const loss of losses) {
    if (!loss.ok) {
      expect(loss.error).toBeInstanceOf(AppError);
      expect(['seats_taken', 'ticket_limit']).toContain((loss.error as AppError).code);
    }
  }
  expect(wins.length).toBeGreaterThan(0);
  expect(losses.length).toBeGreaterThan(0);

  expect(await holdInvariantViolations(sql, event.eventId)).toEqual([]);

  const reservations = await sql`select id, user_id from reservations where event_id = ${event.eventId} and status = 'active'`;
  expect(reservations.length).toBe(wins.length);
  for (const { hold, attempt } of wins) {
    const held = await sql`select id from tickets where hold_id = ${hold.reservationId} and status = 'reserved' order by id`;
    expect(held.map((t) => t.id)).toEqual([...attempt.ticketIds].sort());
  }
  const reserved = await sql`select count(*)::int as n from tickets where event_id = ${event.eventId} and status <> 'available'`;
  expect(reserved[0]!.n).toBe(wins.reduce((n, w) => n + w.attempt.ticketIds.length, 0));

  const perFan = await sql`
    select r.user_id, count(*)::int as n from reservation_tickets rt join reservations r on r.id = rt.reservation_id
    where r.event_id = ${event.eventId} and r.status = 'active' group by r.user_id having count(*) > 8`;
  expect(perFan).toEqual([]);
}

describe('reserveSeats under a real race', () => {
  it('never double-books with Redis locks in front of Postgres', async () => {
    await raceForSeats(liveKv, 'redis + postgres');
  });

  it('stays correct on Postgres alone when Redis is down', async () => {
    await raceForSeats(deadKv, 'dead redis, postgres only');
  });

  it('holds concurrent requests of one fan to the per-fan limit', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 4, seatsPerRow: 10 });
    const [fan] = await createFans(sql, 1);
    // 10 tabs each asking for 3 different seats: at most 2 fit under the limit of 8.
    const outcome = await race(
      Array.from(
        { length: 10 },
        (_, i) => () =>
          reserveSeats(db, liveKv, { userId: fan!.id, eventId: event.eventId, ticketIds: event.ticketIds.slice(i * 3, i * 3 + 3) }),
      ),
    );
    expect(outcome.results.filter((r) => r.ok)).toHaveLength(2);
    for (const r of outcome.results) if (!r.ok) expect((r.error as AppError).code).toBe('ticket_limit');
    const [count] = await sql`select count(*)::int as n from tickets where event_id = ${event.eventId} and status = 'reserved'`;
    expect(count!.n).toBe(6);
  });
});

describe('reserveSeats rules', () => {
  let event: Awaited<ReturnType<typeof createEvent>>;
  let fans: TestFan[];
  beforeAll(async () => {
    event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 10 });
    fans = await createFans(sql, 3);
  });

  it('lets another fan take a seat at once when its hold has lapsed, before any sweeper', async () => {
    const first = await reserveSeats(db, liveKv, { userId: fans[0]!.id, eventId: event.eventId, ticketIds: [event.ticketIds[0]!] });
    // Age the hold in Postgres and drop its Redis lock, as its ttl would.
    await sql`update tickets set hold_expires_at = now() - interval '1 second' where hold_id = ${first.reservationId}`;
    await sql`update reservations set expires_at = now() - interval '1 second' where id = ${first.reservationId}`;
    await liveKv.releaseLocks([`lock:ticket:${event.ticketIds[0]}`], first.reservationId);

    const second = await reserveSeats(db, liveKv, { userId: fans[1]!.id, eventId: event.eventId, ticketIds: [event.ticketIds[0]!] });
    const [ticket] = await sql`select status, hold_id from tickets where id = ${event.ticketIds[0]!}`;
    expect(ticket).toMatchObject({ status: 'reserved', hold_id: second.reservationId });
    expect(await holdInvariantViolations(sql, event.eventId)).toEqual([]);
  });

  it('does not let an orphaned Redis lock block a seat that Postgres says is free', async () => {
    const ticketId = event.ticketIds[5]!;
    await liveKv.acquireLocks([`lock:ticket:${ticketId}`], 'crashed-request', 60_000);
    const hold = await reserveSeats(db, liveKv, { userId: fans[2]!.id, eventId: event.eventId, ticketIds: [ticketId] });
    const [ticket] = await sql`select hold_id from tickets where id = ${ticketId}`;
    expect(ticket!.hold_id).toBe(hold.reservationId);
  });

  it('refuses an event that is not on sale yet, changing nothing', async () => {
    const later = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 2, onSaleAt: new Date(Date.now() + 3600_000) });
    await expect(
      reserveSeats(db, liveKv, { userId: fans[0]!.id, eventId: later.eventId, ticketIds: [later.ticketIds[0]!] }),
    ).rejects.toMatchObject({ code: 'not_on_sale' });
    const [n] = await sql`select count(*)::int as n from reservations where event_id = ${later.eventId}`;
    expect(n!.n).toBe(0);
  });
});
