import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans, type TestEvent, type TestFan } from '@/lib/testing/factories';
import { api, sessionCookie } from '@/lib/testing/http';

// POST /api/reservations/{id}/extend through the running server: who may, what it takes, and
// a race of the fan's own tabs against the cap (HOLD_EXTENSIONS_MAX, 3 by default).

const sql = testSql();
let event: TestEvent;
let owner: TestFan;
let stranger: TestFan;
let ownerCookie: string;
let strangerCookie: string;
let reservationId: string;
const extend = (id: string, cookie?: string, json: unknown = {}) => api(`/api/reservations/${id}/extend`, { method: 'POST', cookie, json });
const holdRow = async () =>
  (await sql`select expires_at::text as expires_at, extensions from reservations where id = ${reservationId}`)[0]!;

beforeAll(async () => {
  event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 4 });
  [owner, stranger] = (await createFans(sql, 2)) as [TestFan, TestFan];
  [ownerCookie, strangerCookie] = await Promise.all([sessionCookie(owner), sessionCookie(stranger)]);
  const held = await api('/api/reservations', {
    method: 'POST',
    cookie: ownerCookie,
    json: { eventId: event.eventId, ticketIds: event.ticketIds.slice(0, 2) },
  });
  expect(held.status).toBe(201);
  reservationId = (held.body as { reservationId: string }).reservationId;
});

afterAll(async () => {
  await sql.end();
});

describe('POST /api/reservations/{id}/extend', () => {
  it('refuses nobody (401), a stranger (404, as if there were no hold) and bad bodies (400), changing nothing', async () => {
    const before = await holdRow();
    expect(await extend(reservationId)).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    expect(await extend(reservationId, strangerCookie)).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    expect(await extend(reservationId, ownerCookie, { minutes: 60 })).toMatchObject({
      status: 400,
      body: { error: { code: 'bad_request' } },
    });
    expect(await extend(reservationId, ownerCookie, { reservationId })).toMatchObject({ status: 400 });
    expect(await extend(reservationId, ownerCookie, [])).toMatchObject({ status: 400 });
    expect(await extend('not-a-hold', ownerCookie)).toMatchObject({ status: 404 });
    expect(
      await api(`/api/reservations/${reservationId}/extend`, {
        method: 'POST',
        cookie: ownerCookie,
        rawBody: '{}',
        contentType: 'text/plain',
      }),
    ).toMatchObject({ status: 400 });
    expect(await holdRow()).toEqual(before);
  });

  it('lets the owner add time up to the cap, however many tabs ask at once', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, () => extend(reservationId, ownerCookie)));
    const ok = answers.filter((a) => a.status === 200);
    expect(ok).toHaveLength(3);
    expect(
      answers.filter((a) => a.status === 409).every((a) => (a.body as { error: { code: string } }).error.code === 'hold_extension_limit'),
    ).toBe(true);
    expect(answers.every((a) => a.status === 200 || a.status === 409 || a.status === 429)).toBe(true);
    expect((await holdRow()).extensions).toBe(3);
    expect(ok.map((a) => (a.body as { extensionsUsed: number }).extensionsUsed).sort()).toEqual([1, 2, 3]);
    expect(ok[0]!.headers.get('cache-control')).toBe('private, no-store');
  });
});
