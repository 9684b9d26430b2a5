import { afterAll, describe, expect, it } from 'vitest';
import { unpackStatuses } from '@/lib/events/availability-codec';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans } from '@/lib/testing/factories';
import { api, sessionCookie } from '@/lib/testing/http';

const sql = testSql();
afterAll(() => sql.end());

type Availability = { version: number; count: number; statuses: string };

describe('seat catalogue, compact availability and best available over HTTP', () => {
  it('serves static seats with a long cache and statuses with their version', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 2, seatsPerRow: 5 });
    const seats = await api(`/api/events/${event.eventId}/seats`);
    expect(seats.status).toBe(200);
    expect(seats.headers.get('cache-control')).toBe('public, max-age=300, s-maxage=3600');
    // Prices as runs, in seat order (the test event prices each section by its tier).
    const runs = (seats.body as { prices: Array<[number, number]> }).prices;
    expect(runs.flatMap(([price, n]) => new Array(n).fill(price))).toEqual(event.seats.map((s) => s.price));
    expect(seats.body).toMatchObject({ currency: 'USD', seatMap: { sections: [expect.objectContaining({ id: 'S1' })] } });

    const before = await api(`/api/events/${event.eventId}/availability`);
    expect(before.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=1, stale-while-revalidate=4');
    const a = before.body as Availability;
    expect([...unpackStatuses(a.statuses, a.count)]).toEqual(new Array(10).fill(0));

    const [fan] = await createFans(sql, 1);
    const held = await api(`/api/events/${event.eventId}/best-available`, {
      method: 'POST',
      cookie: await sessionCookie(fan!),
      json: { quantity: 2 },
    });
    expect(held.status).toBe(201);
    const { ticketIds } = held.body as { ticketIds: string[] };
    expect(ticketIds).toHaveLength(2);

    const after = (await api(`/api/events/${event.eventId}/availability`)).body as Availability;
    expect(after.version).toBe(a.version + 1);
    const statuses = unpackStatuses(after.statuses, after.count);
    expect(event.ticketIds.filter((_, i) => statuses[i] === 1).sort()).toEqual([...ticketIds].sort());
  });

  it('rejects bad best-available input with a clear error', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 3 });
    const [fan] = await createFans(sql, 1);
    const cookie = await sessionCookie(fan!);
    const bad = await api(`/api/events/${event.eventId}/best-available`, { method: 'POST', cookie, json: { quantity: 0 } });
    expect(bad.status).toBe(422);
    const none = await api(`/api/events/${event.eventId}/best-available`, { method: 'POST', cookie, json: { quantity: 4 } });
    expect(none.status).toBe(409);
    const anonymous = await api(`/api/events/${event.eventId}/best-available`, { method: 'POST', json: { quantity: 1 } });
    expect(anonymous.status).toBe(401);
    expect((await api('/api/events/not-a-uuid/availability')).status).toBe(404);
  });
});
