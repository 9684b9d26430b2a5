import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { holdSeats } from '@/lib/booking/hold-seats';
import { getKv } from '@/lib/kv';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans, type TestEvent } from '@/lib/testing/factories';
import { admissionCookieName, signAdmission } from './admission-token';
import { admitFan } from './admit';
import { fanQueueStatus } from './fan-status';
import { queueKeys } from './keys';
import { queuedEventIds } from './queued-events';
import { onSaleReport } from './on-sale-report';
import { visitQueue } from './queue';
import { getQueueSettings } from './settings';
import { admissionSecretKey } from './token-key';

// The report and the sell-out against the real Postgres and Redis. The queue is driven with its
// own clock (visitQueue's `now`), so minutes of an on-sale pass in milliseconds.

const sql = testSql();
const kv = getKv();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterAll(async () => {
  await sql.end();
});

async function queuedEvent(outflowPerMinute: number, seats = 4): Promise<{ event: TestEvent; onSaleAt: number }> {
  const onSaleAt = new Date(Math.floor((Date.now() - 20 * 60_000) / 1000) * 1000);
  const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: seats, onSaleAt });
  await sql`update events set queue_mode = 'on', queue_outflow_per_minute = ${outflowPerMinute} where id = ${event.eventId}`;
  // Each process learns of a queue switched on within QUEUE_REFRESH_MS.
  for (let i = 0; i < 50 && !(await queuedEventIds(db, kv, { fresh: true })).has(event.eventId); i++) await sleep(100);
  return { event, onSaleAt: onSaleAt.getTime() };
}

/** Sells every ticket at `soldAt` as fulfilment would leave it: a confirmed booking, sold rows. */
async function sellAll(event: TestEvent, fanId: string, soldAt: Date) {
  const at = soldAt.toISOString();
  await sql.begin(async (tx) => {
    const [hold] = await tx`
      insert into reservations (id, user_id, event_id, status, expires_at, ended_at, created_at)
      values (gen_random_uuid(), ${fanId}, ${event.eventId}, 'converted', ${at}, ${at}, ${at}) returning id`;
    const [booking] = await tx`
      insert into bookings (reservation_id, user_id, event_id, status, total_minor, currency, confirmed_at)
      values (${hold!.id}, ${fanId}, ${event.eventId}, 'confirmed', 0, 'USD', ${at}) returning id`;
    await tx`update tickets set status = 'sold', hold_id = null, hold_expires_at = null, booking_id = ${booking!.id} where event_id = ${event.eventId}`;
    await tx`insert into sold_tickets (ticket_id, booking_id, sold_at) select id, ${booking!.id}, ${at} from tickets where event_id = ${event.eventId}`;
  });
}

describe('on-sale report', () => {
  it('counts the queue, waits, fairness, holds and sales, time to sell out and refusals', async () => {
    const { event, onSaleAt } = await queuedEvent(6);
    const settings = (await getQueueSettings(db, event.eventId))!;
    const fans = await createFans(sql, 60);
    // 50 fans arrive in the ten minutes before the sale, 10 in its first minute.
    for (const [i, fan] of fans.entries()) {
      const now = i < 50 ? onSaleAt - 600_000 + i * 10_000 : onSaleAt + (i - 50) * 5_000;
      await visitQueue(kv, settings, fan.id, { join: true, now });
    }
    // At 6 a minute one place opens every 10 s: the fan at place p comes back just as it opens.
    const order = await kv.queueRange(queueKeys(event.eventId), 0, -1);
    for (let place = 0; place < 20; place++) {
      const status = await visitQueue(kv, settings, order[place]!, { join: false, now: onSaleAt + (place + 1) * 10_000 });
      expect(status.state).toBe('admitted');
    }

    // Two holds through the door (each with its admission), then a refusal without one.
    const door = (userId: string, cookie?: string) => ({
      user: { id: userId, email: '', name: '' },
      headers: new Headers(),
      cookie: (name: string) => (name === admissionCookieName(event.eventId) ? cookie : undefined),
    });
    for (const [i, fan] of fans.slice(0, 2).entries()) {
      const token = await signAdmission(admissionSecretKey(), { userId: fan.id, eventId: event.eventId, expiresAt: Date.now() + 60_000 });
      await holdSeats(db, kv, door(fan.id, token), 'api-tickets', { eventId: event.eventId, ticketIds: [event.ticketIds[i]!] });
    }
    await expect(
      holdSeats(db, kv, door(fans[2]!.id), 'api-tickets', { eventId: event.eventId, ticketIds: [event.ticketIds[2]!] }),
    ).rejects.toMatchObject({
      code: 'queue_required',
    });
    await sql`update tickets set status = 'available', hold_id = null, hold_expires_at = null where event_id = ${event.eventId}`;
    await sellAll(event, fans[0]!.id, new Date(onSaleAt + 150_000));

    await sleep(50); // the refusal is counted without being awaited
    const report = await onSaleReport(db, kv, event.eventId);
    expect(report.queue).toEqual({ queued: 60, earlyArrivals: 50, admitted: 20, medianWaitSeconds: 100, p95WaitSeconds: 190 });
    // Let in exactly at the rate: 20 fans in the 200 s to the last admission.
    expect(report.fairness.expectedAdmitted).toBe(20);
    expect(report.fairness.outflowError).toBe(0);
    // The early fans' places are a fair draw: no tie between arriving early and getting in early.
    // (50 pairs: the standard error under independence is 1/7; 0.6 is four of them.)
    expect(Math.abs(report.fairness.earlyArrivalSpearman!)).toBeLessThan(0.6);
    expect(report.sales).toMatchObject({ tickets: 4, sold: 4, timeToSellOutSeconds: 150 });
    expect(report.sales.perMinute).toContainEqual({ minute: 2, holds: 1, ticketsSold: 4 });
    expect(report.sales.perMinute.reduce((n, m) => n + m.holds, 0)).toBe(3);
    expect(report.refused).toEqual({ rateLimited: 0, withoutAdmission: 1 });
  });

  it('shows an unfair queue as one: places in arrival order give ρ = 1', async () => {
    const { event, onSaleAt } = await queuedEvent(60);
    const fans = await createFans(sql, 12);
    for (const [i, fan] of fans.entries()) {
      // A rigged draw: the earlier the arrival, the better the place.
      await kv.queueVisit(queueKeys(event.eventId), {
        fan: fan.id,
        now: onSaleAt - 60_000 + i * 1_000,
        onSaleAt,
        perMs: 1 / 1_000,
        score: i / 100,
        join: true,
        ttlMs: 60_000,
      });
    }
    const report = await onSaleReport(db, kv, event.eventId);
    expect(report.fairness.earlyArrivalSpearman).toBeCloseTo(1, 12);
    expect(report.queue).toMatchObject({ queued: 12, earlyArrivals: 12, admitted: 0, medianWaitSeconds: null });
    expect(report.sales.timeToSellOutSeconds).toBeNull();
  });

  it('refuses an event that does not exist', async () => {
    await expect(onSaleReport(db, kv, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'not_found' });
    await expect(onSaleReport(db, kv, 'nope')).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('a sold-out queue', () => {
  it('stops admitting and tells every fan, including one already let in', async () => {
    const { event, onSaleAt } = await queuedEvent(600, 2);
    const [first, second] = await createFans(sql, 2);
    // The queue opened long ago at 10 a second: the first fan is let in at once.
    expect(await fanQueueStatus(db, kv, event.eventId, first!.id)).toMatchObject({ state: 'admitted', ticketsLeft: 2, ticketsHeld: 0 });
    expect(await admitFan(db, kv, event.eventId, first!.id)).not.toBeNull();
    await sellAll(event, first!.id, new Date(onSaleAt + 60_000));
    // The count of seats left is kept for two seconds per process.
    await sleep(2_100);
    expect(await fanQueueStatus(db, kv, event.eventId, second!.id)).toEqual({ state: 'sold_out' });
    expect(await fanQueueStatus(db, kv, event.eventId, first!.id)).toEqual({ state: 'sold_out' });
    expect(await admitFan(db, kv, event.eventId, first!.id)).toBeNull();
    // Nobody new joined after the sell-out.
    expect((await onSaleReport(db, kv, event.eventId)).queue.queued).toBe(1);
  });
});
