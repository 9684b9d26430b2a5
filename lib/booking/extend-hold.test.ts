import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { env, holdMs } from '@/lib/env';
import { availabilityJson } from '@/lib/events/availability';
import { unpackStatuses } from '@/lib/events/availability-codec';
import { getKv } from '@/lib/kv';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans, type TestEvent, type TestFan } from '@/lib/testing/factories';
import { queuedEventIds } from '@/lib/waiting-room/queued-events';
import { visitQueue } from '@/lib/waiting-room/queue';
import { getQueueSettings } from '@/lib/waiting-room/settings';
import { extendHold } from './extend-hold';
import { holdSeats, type FanRequest } from './hold-seats';
import { ticketLockKey } from './lock-keys';

// "Need more time?" against the real Postgres and Redis: the cap under a race, every way the
// extension must be refused (with nothing changed), and the seats' expiry, the kv locks and the
// availability cache following the hold.

const sql = testSql();
const kv = getKv();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const door = (fan: TestFan): FanRequest => ({
  user: { id: fan.id, email: fan.email, name: fan.name },
  headers: new Headers(),
  cookie: () => undefined,
});

afterAll(async () => {
  await sql.end();
});

async function heldBy(fan: TestFan, event: TestEvent, seats: number[] = [0, 1]) {
  const hold = await holdSeats(db, kv, door(fan), 'api-tickets', {
    eventId: event.eventId,
    ticketIds: seats.map((i) => event.ticketIds[i]!),
  });
  return hold.reservationId;
}

async function state(reservationId: string) {
  // Microseconds since the epoch: Postgres keeps them, and a Date would round them away.
  const [r] = await sql<{ status: string; expiresUs: number; extensions: number }[]>`
    select status, (extract(epoch from expires_at) * 1e6)::float8 as "expiresUs", extensions from reservations where id = ${reservationId}`;
  const seats = await sql<{ status: string; holdExpiresUs: number }[]>`
    select status, (extract(epoch from hold_expires_at) * 1e6)::float8 as "holdExpiresUs" from tickets where hold_id = ${reservationId} order by id`;
  return { reservation: r!, seats: [...seats] };
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: { code?: string }) => error.code ?? String(error),
  );

describe('extendHold', () => {
  it('adds a hold length to the hold, its seats and its kv locks', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 4 });
    const [fan] = (await createFans(sql, 1)) as [TestFan];
    const id = await heldBy(fan, event);
    const before = await state(id);
    const extension = await extendHold(db, kv, door(fan), { reservationId: id.toUpperCase() });
    const after = await state(id);
    expect(extension).toMatchObject({ reservationId: id, extensionsUsed: 1, extensionsMax: env.HOLD_EXTENSIONS_MAX });
    expect(Date.parse(extension.expiresAt)).toBe(Math.floor(after.reservation.expiresUs / 1000));
    expect(after.reservation.expiresUs - before.reservation.expiresUs).toBeCloseTo(holdMs() * 1000, 0);
    expect(after.seats.map((s) => s.holdExpiresUs)).toEqual([after.reservation.expiresUs, after.reservation.expiresUs]);
    const ttl = await kv.pttl(ticketLockKey(event.ticketIds[0]!));
    expect(ttl).toBeGreaterThan(holdMs() * 2 - 5_000);
  });

  it('never passes the cap, however many requests race for one hold', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 4 });
    const [fan] = (await createFans(sql, 1)) as [TestFan];
    const id = await heldBy(fan, event);
    const before = await state(id);
    // 40 at once: up to the per-fan reserve limit reach the guarded update together; the rest 429.
    const codes = await Promise.all(Array.from({ length: 40 }, () => codeOf(extendHold(db, kv, door(fan), { reservationId: id }))));
    const max = env.HOLD_EXTENSIONS_MAX;
    expect(codes.filter((c) => c === 'ok')).toHaveLength(max);
    expect(codes.filter((c) => c === 'hold_extension_limit').length).toBeGreaterThan(10);
    expect(codes.every((c) => ['ok', 'hold_extension_limit', 'rate_limited'].includes(c))).toBe(true);
    const after = await state(id);
    expect(after.reservation.extensions).toBe(max);
    expect(after.reservation.expiresUs - before.reservation.expiresUs).toBeCloseTo(max * holdMs() * 1000, 0);
    expect(after.seats.every((s) => s.holdExpiresUs === after.reservation.expiresUs)).toBe(true);
  });

  it("refuses someone else's hold, a lapsed one, a released one and a paid one, and changes nothing", async () => {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 8 });
    const [owner, stranger] = (await createFans(sql, 2)) as [TestFan, TestFan];
    const [theirs, lapsed, released, paid] = [
      await heldBy(owner, event, [0]),
      await heldBy(owner, event, [1]),
      await heldBy(owner, event, [2]),
      await heldBy(owner, event, [3]),
    ];
    await sql`update reservations set expires_at = now() - interval '1 second' where id = ${lapsed}`;
    await sql`update tickets set hold_expires_at = now() - interval '1 second' where hold_id = ${lapsed}`;
    await sql`update reservations set status = 'released', ended_at = now() where id = ${released}`;
    await sql`update tickets set status = 'available', hold_id = null, hold_expires_at = null where id = ${event.ticketIds[2]!}`;
    await sql`update reservations set status = 'converted', ended_at = now() where id = ${paid}`;
    const before = await Promise.all([theirs, lapsed, released, paid].map(state));

    await expect(extendHold(db, kv, door(stranger), { reservationId: theirs })).rejects.toMatchObject({ code: 'not_found', status: 404 });
    await expect(extendHold(db, kv, door(owner), { reservationId: lapsed })).rejects.toMatchObject({ code: 'hold_expired', status: 410 });
    await expect(extendHold(db, kv, door(owner), { reservationId: released })).rejects.toMatchObject({
      code: 'hold_not_active',
      status: 409,
    });
    await expect(extendHold(db, kv, door(owner), { reservationId: paid })).rejects.toMatchObject({
      code: 'hold_not_active',
      message: 'These seats are already paid for.',
    });
    expect(await Promise.all([theirs, lapsed, released, paid].map(state))).toEqual(before);
  });

  it('parses strictly: a non-UUID is a 404, anything but { reservationId: string } a 400', async () => {
    const [fan] = (await createFans(sql, 1)) as [TestFan];
    await expect(extendHold(db, kv, door(fan), { reservationId: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(extendHold(db, kv, door(fan), { reservationId: 5 })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(extendHold(db, kv, door(fan), { reservationId: crypto.randomUUID(), minutes: 60 })).rejects.toMatchObject({
      code: 'bad_request',
    });
    await expect(extendHold(db, kv, door(fan), null)).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('says no while fans wait in the event queue, and yes once they are all in', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 4 });
    const [fan, ...queued] = (await createFans(sql, 4)) as [TestFan, ...TestFan[]];
    const id = await heldBy(fan, event);
    // The queue opens after the hold (say an 'auto' queue switching on): one fan a minute, three waiting.
    await sql`update events set queue_mode = 'on', queue_outflow_per_minute = 1, on_sale_at = now() - interval '10 seconds' where id = ${event.eventId}`;
    for (let i = 0; i < 50 && !(await queuedEventIds(db, kv, { fresh: true })).has(event.eventId); i++) await sleep(100);
    await sleep(5_100); // the queue settings are cached for 5 s per process
    const settings = (await getQueueSettings(db, event.eventId))!;
    for (const q of queued) await visitQueue(kv, settings, q.id, { join: true });
    const before = await state(id);
    const refused = await extendHold(db, kv, door(fan), { reservationId: id }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'fans_waiting', status: 409, details: { fansWaiting: 3 } });
    expect((refused as Error).message).toMatch(/3 fans are still in the queue/);
    expect(await state(id)).toEqual(before);

    // An hour of outflow later everyone is in: more time is fine again.
    for (const q of queued) await visitQueue(kv, settings, q.id, { join: false, now: Date.now() + 3_600_000 });
    expect((await extendHold(db, kv, door(fan), { reservationId: id })).extensionsUsed).toBe(1);
  });

  it('keeps the seats held in the availability cache past the old expiry', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 4 });
    const [fan] = (await createFans(sql, 1)) as [TestFan];
    const id = await heldBy(fan, event, [1]);
    // The hold is about to lapse; the cached availability is built now and trusted until then.
    await sql`update reservations set expires_at = now() + interval '1500 milliseconds' where id = ${id}`;
    await sql`update tickets set hold_expires_at = now() + interval '1500 milliseconds' where hold_id = ${id}`;
    const statusesOf = async () => {
      const a = JSON.parse(await availabilityJson(db, event.eventId)) as { statuses: string; count: number };
      return [...unpackStatuses(a.statuses, a.count)];
    };
    expect(await statusesOf()).toEqual([0, 1, 0, 0]);
    await extendHold(db, kv, door(fan), { reservationId: id });
    await sleep(2_000);
    expect(await statusesOf()).toEqual([0, 1, 0, 0]);
    // And a read that trusts the clock (every read treats a lapsed hold as free) agrees.
    const [{ live }] =
      (await sql`select count(*)::int as live from tickets where hold_id = ${id} and hold_expires_at > now()`) as unknown as [
        { live: number },
      ];
    expect(live).toBe(1);
  });
});
