import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { expireHolds } from '@/lib/booking/expire-holds';
import { releaseHold } from '@/lib/booking/release-hold';
import { holdSeats } from '@/lib/booking/hold-seats';
import { env } from '@/lib/env';
import { createRedisKv } from '@/lib/kv/redis';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans, type TestEvent, type TestFan } from '@/lib/testing/factories';
import { mulberry32 } from '@/lib/testing/race';
import { testKvPrefix, testRedisUrl } from '@/lib/testing/test-env';
import { getWaitlistEntry } from './get-waitlist-entry';
import { joinWaitlist } from './join-waitlist';
import { leaveWaitlist } from './leave-waitlist';
import { listMyWaitlist } from './list-my-waitlist';
import { offerFreedSeats } from './offer-freed-seats';
import { offerStrandedSeats } from './offer-stranded-seats';

// The waitlist against the real Postgres and Redis. Offers also run by themselves after every
// release or expiry (lib/realtime/seats-changed.ts, not awaited by the caller), so tests that
// free seats wait for the database to settle rather than for one call.
const sql = testSql();
const kv = createRedisKv(testRedisUrl, { prefix: `${testKvPrefix}waitlist:`, timeoutMs: 250 });
afterAll(async () => {
  await Promise.all([kv.close(), sql.end()]);
});

// Holds through the one door, each from its own address so the per-address limit stays out of the way.
let address = 0;
const reserveSeats = (_db: typeof db, _kv: typeof kv, input: { userId: string; eventId: string; ticketIds: string[] }) =>
  holdSeats(
    db,
    kv,
    {
      user: { id: input.userId, email: '', name: '' },
      headers: new Headers({ 'x-forwarded-for': `10.16.${(address >> 8) & 255}.${address++ & 255}` }),
      cookie: () => undefined,
    },
    'api-tickets',
    {
      eventId: input.eventId,
      ticketIds: input.ticketIds,
    },
  );

async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every seat of the event held by one fan (2 per hold, so releases free pairs): sold out. */
async function soldOut(event: TestEvent, perHold = 2): Promise<Array<{ fan: TestFan; reservationId: string }>> {
  const holders = await createFans(sql, Math.ceil(event.ticketIds.length / perHold));
  return Promise.all(
    holders.map(async (fan, i) => {
      const hold = await reserveSeats(db, kv, {
        userId: fan.id,
        eventId: event.eventId,
        ticketIds: event.ticketIds.slice(i * perHold, (i + 1) * perHold),
      });
      return { fan, reservationId: hold.reservationId };
    }),
  );
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const offersOf = (eventId: string) => sql<
  Array<{ userId: string; position: string; status: string; reservationId: string | null; live: boolean | null; seats: number }>
>`
  select w.user_id as "userId", w.position, w.status, w.offer_reservation_id as "reservationId",
    r.status = 'active' and r.expires_at > now() as live,
    (select count(*)::int from tickets t where t.hold_id = w.offer_reservation_id and t.status = 'reserved') as seats
  from waitlist_entries w left join reservations r on r.id = w.offer_reservation_id
  where w.event_id = ${eventId} order by w.position`;

/** Invariant 1 for the whole event: no ticket in two live holds, every held ticket in its hold. */
async function expectNoDoubleHolds(eventId: string): Promise<void> {
  const [doubles] = await sql`
    select count(*)::int as n from (
      select rt.ticket_id from reservation_tickets rt join reservations r on r.id = rt.reservation_id
      where r.event_id = ${eventId} and r.status = 'active' and r.expires_at > now()
      group by rt.ticket_id having count(*) > 1) d`;
  expect(doubles!.n).toBe(0);
  const [stray] = await sql`
    select count(*)::int as n from tickets t where t.event_id = ${eventId} and t.status = 'reserved'
      and not exists (select 1 from reservation_tickets rt where rt.reservation_id = t.hold_id and rt.ticket_id = t.id)`;
  expect(stray!.n).toBe(0);
}

describe('joining the waitlist', () => {
  it('is open only when nothing that fits is on sale, once per fan, for a section that exists', async () => {
    const event = await createEvent(sql, { sections: 2, rows: 1, seatsPerRow: 2 });
    const [fan] = await createFans(sql, 1);
    const join = (over: object = {}) =>
      joinWaitlist(db, { userId: fan!.id, eventId: event.eventId, quantity: 1, maxPrice: 9_000, ...over });

    await expect(join()).rejects.toMatchObject({ code: 'conflict' });
    // Section S1 ($50) sold out; S2 ($60) still free: S1, or $50 at most, may join.
    await soldOut({ ...event, ticketIds: event.ticketIds.slice(0, 2) });
    await expect(join({ section: 'S2' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(join({ section: 'Nope' })).rejects.toMatchObject({ code: 'validation_failed' });
    const entry = await join({ maxPrice: 5_500 });
    expect(entry).toMatchObject({ status: 'waiting', quantity: 1, maxPrice: 5_500, ahead: 0, offer: null });
    await expect(join({ section: 'S1' })).rejects.toMatchObject({ code: 'conflict' });
    const [rows] = await sql`select count(*)::int as n from waitlist_entries where event_id = ${event.eventId}`;
    expect(rows!.n).toBe(1);
  });

  it('is refused before the sale and for an unknown event', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 1, onSaleAt: new Date(Date.now() + 3_600_000) });
    const [fan] = await createFans(sql, 1);
    await expect(joinWaitlist(db, { userId: fan!.id, eventId: event.eventId, quantity: 1, maxPrice: 9_000 })).rejects.toMatchObject({
      code: 'not_on_sale',
    });
    await expect(
      joinWaitlist(db, { userId: fan!.id, eventId: '00000000-0000-4000-8000-000000000000', quantity: 1, maxPrice: 1 }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('offers', () => {
  it('go to the first fan in line whose quantity and price fit, with a held reservation and an email', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 4 });
    const holds = await soldOut(event);
    const [wantsThree, tooCheap, fits, alsoFits] = await createFans(sql, 4);
    await joinWaitlist(db, { userId: wantsThree!.id, eventId: event.eventId, quantity: 3, maxPrice: 9_000 });
    await joinWaitlist(db, { userId: tooCheap!.id, eventId: event.eventId, quantity: 1, maxPrice: 4_000 });
    await joinWaitlist(db, { userId: fits!.id, eventId: event.eventId, quantity: 2, maxPrice: 5_000 });
    await joinWaitlist(db, { userId: alsoFits!.id, eventId: event.eventId, quantity: 1, maxPrice: 5_000 });
    expect((await getWaitlistEntry(db, { userId: alsoFits!.id, eventId: event.eventId }))!.ahead).toBe(3);

    await releaseHold(db, kv, { userId: holds[0]!.fan.id, reservationId: holds[0]!.reservationId });
    const entry = await eventually(
      () => getWaitlistEntry(db, { userId: fits!.id, eventId: event.eventId }),
      (e) => e?.offer !== null,
    );
    expect(entry!.status).toBe('offered');
    const [held] = await sql`
      select r.user_id, r.status, extract(epoch from r.expires_at - r.created_at) as secs,
        (select array_agg(id order by id) from tickets where hold_id = r.id and status = 'reserved') as ids
      from reservations r where r.id = ${entry!.offer!.reservationId}`;
    expect(held!.user_id).toBe(fits!.id);
    expect(held!.status).toBe('active');
    expect(Number(held!.secs)).toBeCloseTo(env.WAITLIST_OFFER_MINUTES * 60, -1);
    expect([...held!.ids].sort()).toEqual(event.ticketIds.slice(0, 2).sort());
    // Ahead of them, the fans who did not fit still wait; behind, nothing was left.
    for (const f of [wantsThree, tooCheap, alsoFits])
      expect((await getWaitlistEntry(db, { userId: f!.id, eventId: event.eventId }))!.status).toBe('waiting');

    const mail = await eventually(
      () => sql`select subject, text from dev_mail where "to" = ${fits!.email}`,
      (m) => m.length > 0,
    );
    expect(mail).toHaveLength(1);
    expect(mail[0]!.text).toContain(`/reservations/${entry!.offer!.reservationId}`);
    expect((await listMyWaitlist(db, fits!.id)).offers).toMatchObject([
      { eventId: event.eventId, reservationId: entry!.offer!.reservationId, seats: 2 },
    ]);
    await expectNoDoubleHolds(event.eventId);
  });

  it('lapse with their hold and go to the next fan; a fan who left is never offered anything', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 2 });
    const holds = await soldOut(event);
    const [first, leaver, second] = await createFans(sql, 3);
    for (const f of [first, leaver, second])
      await joinWaitlist(db, { userId: f!.id, eventId: event.eventId, quantity: 2, maxPrice: 9_000 });
    await leaveWaitlist(db, kv, { userId: leaver!.id, eventId: event.eventId });
    await expect(leaveWaitlist(db, kv, { userId: leaver!.id, eventId: event.eventId })).rejects.toMatchObject({ code: 'not_found' });

    await releaseHold(db, kv, { userId: holds[0]!.fan.id, reservationId: holds[0]!.reservationId });
    const offered = await eventually(
      () => getWaitlistEntry(db, { userId: first!.id, eventId: event.eventId }),
      (e) => e?.offer !== null,
    );
    // The first fan lets it run out: their hold lapses, the sweeper frees the seats, the next fan
    // in line (not the one who left) gets them.
    await sql`update reservations set expires_at = now() - interval '1 s' where id = ${offered!.offer!.reservationId}`;
    await sql`update tickets set hold_expires_at = now() - interval '1 s' where hold_id = ${offered!.offer!.reservationId}`;
    expect((await getWaitlistEntry(db, { userId: first!.id, eventId: event.eventId }))!.status).toBe('lapsed');
    await expireHolds(db);
    const next = await eventually(
      () => getWaitlistEntry(db, { userId: second!.id, eventId: event.eventId }),
      (e) => e?.offer !== null,
    );
    expect(next!.offer).not.toBeNull();
    const rows = await offersOf(event.eventId);
    expect(rows.map((r) => [r.userId, r.status])).toEqual([
      [first!.id, 'lapsed'],
      [leaver!.id, 'left'],
      [second!.id, 'offered'],
    ]);
    expect(rows[1]!.reservationId).toBeNull();

    // Leaving with an open offer gives the seats back at once (nobody else waits: they are free).
    await leaveWaitlist(db, kv, { userId: second!.id, eventId: event.eventId });
    const [free] = await sql`select count(*)::int as n from tickets where event_id = ${event.eventId} and status = 'available'`;
    expect(free!.n).toBe(2);
  });

  it('skip a fan the per-fan limit would push over, and serve the next', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 2, seatsPerRow: env.TICKET_LIMIT_PER_EVENT });
    const [full, next] = await createFans(sql, 2);
    // `full` holds the limit less one; the rest of the event is held by others.
    const mine = event.ticketIds.slice(0, env.TICKET_LIMIT_PER_EVENT - 1);
    await reserveSeats(db, kv, { userId: full!.id, eventId: event.eventId, ticketIds: mine });
    const holds = await soldOut({ ...event, ticketIds: event.ticketIds.slice(env.TICKET_LIMIT_PER_EVENT - 1) }, 1);
    // Joining for more than the limit leaves is refused at once; for what it leaves, allowed.
    await expect(joinWaitlist(db, { userId: full!.id, eventId: event.eventId, quantity: 2, maxPrice: 9_000 })).rejects.toMatchObject({
      code: 'ticket_limit',
    });
    await joinWaitlist(db, { userId: full!.id, eventId: event.eventId, quantity: 1, maxPrice: 9_000 });
    // Seats they hold since joining can still push an offer past the limit; here, as if they had
    // asked for one more than the limit leaves. The pass must skip them, not break the limit.
    await sql`update waitlist_entries set quantity = 2 where user_id = ${full!.id}`;
    await joinWaitlist(db, { userId: next!.id, eventId: event.eventId, quantity: 2, maxPrice: 9_000 });
    await Promise.all(holds.slice(0, 2).map((h) => releaseHold(db, kv, { userId: h.fan.id, reservationId: h.reservationId })));
    await offerFreedSeats(db, event.eventId);
    const got = await eventually(
      () => getWaitlistEntry(db, { userId: next!.id, eventId: event.eventId }),
      (e) => e?.offer !== null,
    );
    expect(got!.offer).not.toBeNull();
    expect((await getWaitlistEntry(db, { userId: full!.id, eventId: event.eventId }))!.status).toBe('waiting');
    const [count] = await sql`select count(*)::int as n from tickets where event_id = ${event.eventId} and status = 'reserved'
      and hold_id in (select id from reservations where user_id = ${full!.id})`;
    expect(count!.n).toBe(env.TICKET_LIMIT_PER_EVENT - 1);
  });
});

describe('the sweeper', () => {
  it('offers seats whose pass was lost (freed without an announcement)', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 2 });
    const holds = await soldOut(event);
    const [fan] = await createFans(sql, 1);
    await joinWaitlist(db, { userId: fan!.id, eventId: event.eventId, quantity: 2, maxPrice: 9_000 });
    // The hold ends as a crashed process would leave it: seats free, no pass run.
    await sql`update tickets set status = 'available', hold_id = null, hold_expires_at = null where hold_id = ${holds[0]!.reservationId}`;
    await sql`update reservations set status = 'released', ended_at = now() where id = ${holds[0]!.reservationId}`;
    expect((await getWaitlistEntry(db, { userId: fan!.id, eventId: event.eventId }))!.status).toBe('waiting');
    expect(await offerStrandedSeats(db)).toBeGreaterThanOrEqual(1);
    expect((await getWaitlistEntry(db, { userId: fan!.id, eventId: event.eventId }))!.offer).not.toBeNull();
  });
});

describe('offers under a race', () => {
  it('many seats freed at once while many fans wait and some leave: each seat held once, in joining order, within limits', async () => {
    const seats = 40;
    const event = await createEvent(sql, { sections: 2, rows: 2, seatsPerRow: seats / 4 });
    // One seat per hold, released in a shuffled order: concurrent passes read different free
    // seats and would pick different pairs for the same fan, were they not serialised.
    const holds = shuffle(await soldOut(event, 1), mulberry32(16));
    const line = await createFans(sql, 30);
    // Joined one after another, so the line's order is known.
    for (const fan of line) await joinWaitlist(db, { userId: fan.id, eventId: event.eventId, quantity: 2, maxPrice: 9_000 });
    const leavers = new Set([line[2]!.id, line[7]!.id, line[11]!.id, line[19]!.id]);

    await Promise.all([
      ...holds.map((h) => releaseHold(db, kv, { userId: h.fan.id, reservationId: h.reservationId })),
      ...[...leavers].map((userId) => leaveWaitlist(db, kv, { userId, eventId: event.eventId })),
      ...Array.from({ length: 10 }, () => offerFreedSeats(db, event.eventId)),
    ]);
    await offerFreedSeats(db, event.eventId);
    const stayed = line.filter((f) => !leavers.has(f.id));
    // Every seat ends up offered: 20 pairs to the first 20 fans who stayed, in line order.
    const rows = await eventually(
      () => offersOf(event.eventId),
      (r) => r.filter((o) => o.status === 'offered' && o.live).length === seats / 2,
    );
    const live = rows.filter((o) => o.status === 'offered' && o.live);
    expect(live.map((o) => o.userId)).toEqual(stayed.slice(0, seats / 2).map((f) => f.id));
    expect(live.every((o) => o.seats === 2)).toBe(true);
    expect(rows.filter((o) => o.status === 'waiting').map((o) => o.userId)).toEqual(stayed.slice(seats / 2).map((f) => f.id));
    // Nobody who left holds an offer.
    for (const o of rows.filter((r) => leavers.has(r.userId))) {
      expect(o.status).toBe('left');
      expect(o.seats).toBe(0);
    }
    await expectNoDoubleHolds(event.eventId);
    const [twice] = await sql`
      select count(*)::int as n from (select r.user_id from reservations r
        where r.event_id = ${event.eventId} and r.status = 'active' and r.user_id = any(${line.map((f) => f.id)}::uuid[])
        group by r.user_id having count(*) > 1) o`;
    expect(twice!.n).toBe(0);
    const [overLimit] = await sql`
      select count(*)::int as n from (select r.user_id from tickets t join reservations r on r.id = t.hold_id
        where t.event_id = ${event.eventId} and t.status = 'reserved' group by r.user_id having count(*) > ${env.TICKET_LIMIT_PER_EVENT}) o`;
    expect(overLimit!.n).toBe(0);
    const [reserved] = await sql`select count(*)::int as n from tickets where event_id = ${event.eventId} and status = 'reserved'`;
    expect(reserved!.n).toBe(seats);
  });

  it('lapsed offers race the sweeper and fresh releases: each pair goes to exactly one next fan', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 2, seatsPerRow: 6 });
    const holds = await soldOut(event);
    const line = await createFans(sql, 18);
    for (const fan of line) await joinWaitlist(db, { userId: fan.id, eventId: event.eventId, quantity: 2, maxPrice: 9_000 });
    await Promise.all(holds.slice(0, 3).map((h) => releaseHold(db, kv, { userId: h.fan.id, reservationId: h.reservationId })));
    await offerFreedSeats(db, event.eventId);
    await eventually(
      () => offersOf(event.eventId),
      (r) => r.filter((o) => o.status === 'offered').length === 3,
    );
    // The three offers run out together while the other three holds are released.
    await sql`update reservations set expires_at = now() - interval '1 s'
      where id in (select offer_reservation_id from waitlist_entries where event_id = ${event.eventId} and status = 'offered')`;
    await sql`update tickets set hold_expires_at = now() - interval '1 s'
      where hold_id in (select offer_reservation_id from waitlist_entries where event_id = ${event.eventId} and status = 'offered')`;
    await Promise.all([
      ...holds.slice(3).map((h) => releaseHold(db, kv, { userId: h.fan.id, reservationId: h.reservationId })),
      expireHolds(db),
      expireHolds(db),
      ...Array.from({ length: 6 }, () => offerFreedSeats(db, event.eventId)),
    ]);
    await offerFreedSeats(db, event.eventId);
    const rows = await eventually(
      () => offersOf(event.eventId),
      (r) => r.filter((o) => o.status === 'offered' && o.live).length === 6,
    );
    expect(rows.slice(0, 3).map((o) => o.status)).toEqual(['lapsed', 'lapsed', 'lapsed']);
    expect(rows.slice(3, 9).every((o) => o.status === 'offered' && o.live && o.seats === 2)).toBe(true);
    expect(rows.slice(9).every((o) => o.status === 'waiting')).toBe(true);
    await expectNoDoubleHolds(event.eventId);
  });
});
