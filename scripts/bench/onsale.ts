// On-sale: 5,000 virtual fans race for a 2,000-seat event through the real API: each tries to
// hold 1-4 adjacent seats; winners then release, pay through the Stripe stand-in, or let the hold
// lapse. Afterwards the database must show no ticket sold or held twice. Beside it, the raw SQL
// loop claims seats on a twin event with the same concurrency.
import type postgres from 'postgres';
import { createEvent, createFans, type TestEvent } from '../../lib/testing/factories';
import { holdInvariantViolations } from '../../lib/testing/invariants';
import { mulberry32 } from '../../lib/testing/race';
import { sessionCookie } from '../../lib/testing/http';
import { pool } from './pool';
import { rawReserveLoop } from './raw-reserve-loop';
import { int, ms, ratio, summarise, table } from './stats';
import { payThroughStandIn } from './pay';

type Opts = { sql: postgres.Sql; baseUrl: string; fans: number; concurrency: number };

function picker(event: TestEvent, seed: number) {
  const random = mulberry32(seed);
  return () => {
    const size = 1 + Math.floor(random() * 4);
    const start = Math.floor(random() * (event.ticketIds.length - size));
    return event.ticketIds.slice(start, start + size);
  };
}

async function soldTwice(sql: postgres.Sql, eventId: string): Promise<string[]> {
  const rows = await sql`
    select t.id from tickets t
    left join sold_tickets s on s.ticket_id = t.id
    where t.event_id = ${eventId}
      and ((t.status = 'sold') <> (s.ticket_id is not null) or (t.status = 'sold' and s.booking_id <> t.booking_id))`;
  return rows.map((r) => `ticket ${r.id} is sold without a matching sale record`);
}

export async function benchOnSale({ sql, baseUrl, fans: fanCount, concurrency }: Opts) {
  const seats = { sections: 4, rows: 20, seatsPerRow: 25 }; // 2,000 seats
  const event = await createEvent(sql, seats);
  const twin = await createEvent(sql, seats);
  const fans = await createFans(sql, fanCount);
  const cookies = await Promise.all(fans.map(sessionCookie));
  const pick = picker(event, 1);
  const random = mulberry32(2);

  const latencies: number[] = [];
  const outcomes = { held: 0, taken: 0, released: 0, paid: 0, payFailed: 0, lapsed: 0, errors: 0 };
  const started = performance.now();
  await pool(fans.length, concurrency, async (i) => {
    const t0 = performance.now();
    const res = await fetch(`${baseUrl}/api/reservations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookies[i]! },
      body: JSON.stringify({ eventId: event.eventId, ticketIds: pick() }),
    });
    latencies.push(performance.now() - t0);
    const body = (await res.json()) as { reservationId?: string };
    if (res.status === 409) return void outcomes.taken++;
    if (res.status !== 201 || !body.reservationId) return void outcomes.errors++;
    outcomes.held++;
    const roll = random();
    if (roll < 0.25) {
      const r = await fetch(`${baseUrl}/api/reservations/${body.reservationId}`, { method: 'DELETE', headers: { cookie: cookies[i]! } });
      await r.body?.cancel();
      outcomes.released++;
    } else if (roll < 0.5) {
      if (await payThroughStandIn(baseUrl, cookies[i]!, body.reservationId)) outcomes.paid++;
      else outcomes.payFailed++;
    } else {
      outcomes.lapsed++;
    }
  });
  const seconds = (performance.now() - started) / 1000;

  const raw = await rawReserveLoop(sql, {
    eventId: twin.eventId,
    userIds: fans.map((f) => f.id),
    attempts: fans.length,
    concurrency,
    pick: picker(twin, 1),
  });

  const problems = [...(await holdInvariantViolations(sql, event.eventId)), ...(await soldTwice(sql, event.eventId))];
  const lat = summarise(latencies);
  const rawLat = summarise(raw.latencies);
  const holdsPerSecond = outcomes.held / seconds;
  const markdown = [
    table(
      ['', 'attempts/s', 'successful holds/s', 'p50', 'p99', 'ratio (holds/s)'],
      [
        ['app: POST /api/reservations (HTTP, session, Redis lock set, Postgres tx)', int(fanCount / seconds), int(holdsPerSecond), ms(lat.p50), ms(lat.p99), ratio(holdsPerSecond, raw.holdsPerSecond)],
        ['raw SQL: one statement per hold (postgres.js)', int(raw.attemptsPerSecond), int(raw.holdsPerSecond), ms(rawLat.p50), ms(rawLat.p99), '1.00×'],
      ],
    ),
    '',
    `${fanCount} fans, ${concurrency} in flight, 2,000 seats: ${outcomes.held} holds (${outcomes.released} released, ${outcomes.paid} paid` +
      `${outcomes.payFailed ? `, ${outcomes.payFailed} payments failed` : ''}, ${outcomes.lapsed} left to lapse), ${outcomes.taken} refused as taken, ${outcomes.errors} other answers. ` +
      `Database check afterwards: ${problems.length === 0 ? 'no ticket held or sold twice' : `${problems.length} PROBLEMS: ${problems.slice(0, 3).join('; ')}`}.`,
  ].join('\n');
  return { markdown, ratio: holdsPerSecond / raw.holdsPerSecond, problems, outcomes };
}
