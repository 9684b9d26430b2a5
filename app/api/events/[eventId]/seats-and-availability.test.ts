import { afterAll, describe, expect, it } from 'vitest';
import { unpackStatuses } from '@/lib/events/availability-codec';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans } from '@/lib/testing/factories';
import { api, baseUrl, sessionCookie } from '@/lib/testing/http';

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
    // Rows, not seats: each straight row of 5 is one run [first number, count, x, y, dx, dy, turn].
    expect(seats.body).toMatchObject({
      currency: 'USD',
      map: {
        sections: [
          expect.objectContaining({
            id: 'S1',
            rows: [
              ['A', [1, 5, 10, 50, 20, 0, 0]],
              ['B', [1, 5, 10, 70, 20, 0, 0]],
            ],
          }),
        ],
      },
    });

    const before = await api(`/api/events/${event.eventId}/availability`);
    expect(before.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=1');
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

  it('answers 304 to its ETag, and may be kept for good under the URL with its content hash', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 3 });
    const first = await fetch(`${baseUrl}/api/events/${event.eventId}/seats`);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]{16}"$/);
    const body = await first.text();

    for (const tag of [etag!, `W/${etag}`, `"other", ${etag}`]) {
      const again = await fetch(`${baseUrl}/api/events/${event.eventId}/seats`, { headers: { 'if-none-match': tag } });
      expect(again.status).toBe(304);
      expect(again.headers.get('etag')).toBe(etag);
      expect(await again.text()).toBe('');
    }
    const changed = await fetch(`${baseUrl}/api/events/${event.eventId}/seats`, { headers: { 'if-none-match': '"something-else"' } });
    expect(changed.status).toBe(200);

    const hash = etag!.slice(1, -1);
    const hashed = await fetch(`${baseUrl}/api/events/${event.eventId}/seats?v=${hash}`);
    expect(hashed.headers.get('cache-control')).toBe('public, max-age=31536000, s-maxage=31536000, immutable');
    expect(await hashed.text()).toBe(body);
    // An old or made-up hash gets today's body, but never the cache-for-good header.
    const stale = await fetch(`${baseUrl}/api/events/${event.eventId}/seats?v=not-the-hash`);
    expect(stale.headers.get('cache-control')).toBe('public, max-age=300, s-maxage=3600');
    expect((await api('/api/events/not-a-uuid/seats')).status).toBe(404);
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
