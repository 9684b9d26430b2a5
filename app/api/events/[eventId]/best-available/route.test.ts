import { afterAll, describe, expect, it } from 'vitest';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans, type TestEvent } from '@/lib/testing/factories';
import { api, sessionCookie } from '@/lib/testing/http';
import { holdInvariantViolations } from '@/lib/testing/invariants';
import type { FlagPlan } from '@/lib/venues/seat-flags';

const sql = testSql();
afterAll(() => sql.end());

// Section S1's row A: W C W C . . C W C W; the other rows have aisle seats at their ends.
const plan: FlagPlan = { accessibleRow: (s) => (s.id === 'S1' ? 'first' : null), restrictedBeyond: 180 };

async function snapshot(eventId: string) {
  const tickets = await sql`select id, status, hold_id from tickets where event_id = ${eventId} order by id`;
  const reservations = await sql`select id, status from reservations where event_id = ${eventId} order by id`;
  return JSON.stringify({ tickets, reservations });
}

const flagsOf = (e: TestEvent, ids: string[]) => ids.flatMap((id) => e.seats.find((s) => s.id === id)!.flags).sort();

describe('POST /api/events/{id}/best-available with wheelchair spaces', () => {
  it('holds a wheelchair space and the companion seat beside it', async () => {
    const e = await createEvent(sql, { flagPlan: plan });
    const [fan] = await createFans(sql, 1);
    const res = await api(`/api/events/${e.eventId}/best-available`, {
      method: 'POST',
      cookie: await sessionCookie(fan!),
      json: { quantity: 2, wheelchair: 1 },
    });
    expect(res.status).toBe(201);
    expect(flagsOf(e, (res.body as { ticketIds: string[] }).ticketIds)).toEqual(['companion', 'wheelchair']);
    expect(await holdInvariantViolations(sql, e.eventId)).toEqual([]);
  });

  it('refuses forged, encoded and oversized wheelchair requests with a clear 422 and changes nothing', async () => {
    const e = await createEvent(sql, { flagPlan: plan });
    const [fan] = await createFans(sql, 1);
    const cookie = await sessionCookie(fan!);
    const before = await snapshot(e.eventId);
    const bodies: Array<{ json?: unknown; rawBody?: string }> = [
      { json: { quantity: 2, wheelchair: '1' } },
      { json: { quantity: 2, wheelchair: '%31' } },
      { json: { quantity: 2, wheelchair: true } },
      { json: { quantity: 2, wheelchair: null } },
      { json: { quantity: 2, wheelchair: -1 } },
      { json: { quantity: 2, wheelchair: 1.5 } },
      { json: { quantity: 2, wheelchair: 3 } },
      { json: { quantity: 2, wheelchair: 9 } },
      { json: { quantity: 2, wheelchair: [1] } },
      { json: { quantity: 2, wheelchair: { n: 1 } } },
      { json: { quantity: 2, wheelchair: 1, companions: 1 } },
      { rawBody: `{"quantity":2,"wheelchair":1${'0'.repeat(400)}}` },
      { rawBody: '{"quantity":2,"wheelchair":1,"wheelchair":9}' },
      { rawBody: '{"quantity":2,"wheelchair":1e0}x' },
    ];
    for (const body of bodies) {
      const res = await api(`/api/events/${e.eventId}/best-available`, { method: 'POST', cookie, ...body });
      expect([400, 422], JSON.stringify(body)).toContain(res.status);
      expect(res.body).toMatchObject({
        error: { code: expect.stringMatching(/^(validation_failed|bad_request)$/), message: expect.any(String) },
      });
    }
    expect(await snapshot(e.eventId)).toBe(before);
  });

  it('answers 409 with a plain message when no wheelchair space is left, and holds nothing', async () => {
    const e = await createEvent(sql, { sections: 1, rows: 2, seatsPerRow: 4, flagPlan: plan });
    const fans = await createFans(sql, 3);
    for (const fan of fans.slice(0, 2)) {
      const res = await api(`/api/events/${e.eventId}/best-available`, {
        method: 'POST',
        cookie: await sessionCookie(fan),
        json: { quantity: 2, wheelchair: 1 },
      });
      expect(res.status).toBe(201);
    }
    const before = await snapshot(e.eventId);
    const res = await api(`/api/events/${e.eventId}/best-available`, {
      method: 'POST',
      cookie: await sessionCookie(fans[2]!),
      json: { quantity: 2, wheelchair: 1 },
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      error: { code: 'conflict', message: 'There are no 1 wheelchair space with 1 companion seat together right now.' },
    });
    expect(await snapshot(e.eventId)).toBe(before);
  });
});

describe('POST /api/reservations and companion seats', () => {
  it('answers 422 companion_alone for a companion seat without a wheelchair space in the same hold, and changes nothing', async () => {
    const e = await createEvent(sql, { flagPlan: plan });
    const elsewhere = await createEvent(sql, { flagPlan: plan });
    const [fan] = await createFans(sql, 1);
    const cookie = await sessionCookie(fan!);
    const at = (ev: TestEvent, n: number) => ev.seats.find((s) => s.section === 'S1' && s.row === 'A' && s.number === n)!.id;
    const before = await snapshot(e.eventId);

    const alone = await api('/api/reservations', { method: 'POST', cookie, json: { eventId: e.eventId, ticketIds: [at(e, 2), at(e, 5)] } });
    expect(alone.status).toBe(422);
    expect(alone.body).toEqual({
      error: { code: 'companion_alone', message: expect.stringMatching(/wheelchair space/), details: { ticketIds: [at(e, 2)] } },
    });
    // Another event's wheelchair space is no wheelchair space here.
    const forged = await api('/api/reservations', {
      method: 'POST',
      cookie,
      json: { eventId: e.eventId, ticketIds: [at(e, 2), at(elsewhere, 1)] },
    });
    expect(forged.status).toBe(422);
    expect(forged.body).toMatchObject({ error: { code: 'validation_failed' } });
    expect(await snapshot(e.eventId)).toBe(before);

    const pair = await api('/api/reservations', { method: 'POST', cookie, json: { eventId: e.eventId, ticketIds: [at(e, 2), at(e, 1)] } });
    expect(pair.status).toBe(201);
    expect(await holdInvariantViolations(sql, e.eventId)).toEqual([]);
  });
});
