import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans, type TestEvent, type TestFan } from '@/lib/testing/factories';
import { api, sessionCookie } from '@/lib/testing/http';
import { testDatabaseUrl } from '@/lib/testing/test-env';

// The operator's report through the running server: who may read it, what the hold door counted,
// and the queue telling fans of a sell-out. The operator is made with the npm script itself.

const sql = testSql();
const root = path.resolve(import.meta.dirname, '../../../../..');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let event: TestEvent;
let fan: TestFan;
let operator: TestFan;
let fanCookie: string;
let operatorCookie: string;
const reportOf = (eventId: string, cookie?: string) => api(`/api/events/${eventId}/on-sale-report`, { cookie });

beforeAll(async () => {
  event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 3 });
  await sql`update events set queue_mode = 'on', queue_outflow_per_minute = 1 where id = ${event.eventId}`;
  [fan, operator] = (await createFans(sql, 2)) as [TestFan, TestFan];
  [fanCookie, operatorCookie] = await Promise.all([sessionCookie(fan), sessionCookie(operator)]);
  await promisify(execFile)('npx', ['tsx', '--conditions=react-server', 'scripts/grant-operator.ts', operator.email.toUpperCase()], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: testDatabaseUrl },
  });
  // The server re-reads the queued events every QUEUE_REFRESH_MS (500 ms in tests).
  for (let i = 0; i < 50; i++) {
    const r = await api('/api/reservations', { method: 'POST', cookie: operatorCookie, json: { eventId: event.eventId, ticketIds: [] } });
    if (r.status === 403) break;
    await sleep(200);
  }
});

afterAll(async () => {
  await sql.end();
});

describe('GET /api/events/{id}/on-sale-report', () => {
  it('is for operators only: 401 signed out, 403 for a fan', async () => {
    expect(await reportOf(event.eventId)).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    expect(await reportOf(event.eventId, fanCookie)).toMatchObject({
      status: 403,
      body: { error: { code: 'forbidden', message: 'Only operators can see this.' } },
    });
    const [row] = await sql`select role from users where id = ${operator.id}`;
    expect(row?.role).toBe('operator');
  });

  it('answers 404 for an event that does not exist, whoever asks', async () => {
    expect(await reportOf('00000000-0000-4000-8000-000000000000', operatorCookie)).toMatchObject({ status: 404 });
    expect(await reportOf('not-an-id', operatorCookie)).toMatchObject({ status: 404 });
  });

  it('counts the queue and what the hold door turned away', async () => {
    const before = (await reportOf(event.eventId, operatorCookie)).body as {
      report: { refused: { rateLimited: number; withoutAdmission: number } };
    };
    expect((await api(`/api/queue/${event.eventId}`, { cookie: fanCookie })).body).toMatchObject({
      status: { state: 'admitted', ticketsLeft: 3 },
    });
    // 25 holds without an admission from one fan: refused, then over the per-fan limit (20 in 5 s).
    const answers = await Promise.all(
      Array.from({ length: 25 }, () =>
        api('/api/reservations', { method: 'POST', cookie: fanCookie, json: { eventId: event.eventId, ticketIds: [event.ticketIds[0]] } }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 403 || s === 429)).toBe(true);
    await sleep(200);
    const response = await reportOf(event.eventId, operatorCookie);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const { report } = response.body as {
      report: { queue: { queued: number; admitted: number }; refused: { rateLimited: number; withoutAdmission: number } };
    };
    expect(report.queue).toMatchObject({ queued: 1, admitted: 1 });
    expect(report.refused.rateLimited - before.report.refused.rateLimited).toBe(statuses.filter((s) => s === 429).length);
    expect(report.refused.withoutAdmission - before.report.refused.withoutAdmission).toBe(statuses.filter((s) => s === 403).length);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
  });

  it('tells the queue when the event sells out, and lets nobody else in', async () => {
    await sql.begin(async (tx) => {
      const [hold] = await tx`
        insert into reservations (id, user_id, event_id, status, expires_at, ended_at)
        values (gen_random_uuid(), ${operator.id}, ${event.eventId}, 'converted', now(), now()) returning id`;
      const [booking] = await tx`
        insert into bookings (reservation_id, user_id, event_id, status, total_minor, currency, confirmed_at)
        values (${hold!.id}, ${operator.id}, ${event.eventId}, 'confirmed', 0, 'USD', now()) returning id`;
      await tx`update tickets set status = 'sold', booking_id = ${booking!.id} where event_id = ${event.eventId}`;
      await tx`insert into sold_tickets (ticket_id, booking_id) select id, ${booking!.id} from tickets where event_id = ${event.eventId}`;
    });
    await sleep(2_200); // each server counts the seats left at most every 2 s
    expect((await api(`/api/queue/${event.eventId}`, { cookie: operatorCookie })).body).toEqual({ status: { state: 'sold_out' } });
    expect((await api(`/api/queue/${event.eventId}`, { cookie: fanCookie })).body).toEqual({ status: { state: 'sold_out' } });
    const { report } = (await reportOf(event.eventId, operatorCookie)).body as {
      report: { sales: { sold: number; timeToSellOutSeconds: number } };
    };
    expect(report.sales.sold).toBe(3);
    expect(report.sales.timeToSellOutSeconds).toBeGreaterThan(0);
  });
});
