import { afterAll, describe, expect, it } from 'vitest';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans } from '@/lib/testing/factories';
import { api, sessionCookie } from '@/lib/testing/http';

const sql = testSql();
afterAll(() => sql.end());

describe('GET /api/events/{id}', () => {
  it('answers the documented shape with live statuses; a lapsed hold reads available', async () => {
    const event = await createEvent(sql, { sections: 1, rows: 1, seatsPerRow: 4 });
    const [fan] = await createFans(sql, 1);
    const cookie = await sessionCookie(fan!);
    const hold = await api('/api/reservations', {
      method: 'POST',
      cookie,
      json: { eventId: event.eventId, ticketIds: event.ticketIds.slice(0, 2) },
    });
    expect(hold.status).toBe(201);
    // A hold in its last two seconds: it must read as held now and as available once it lapses,
    // with no write in between (the server caches views by seat version).
    await sql`update tickets set hold_expires_at = now() + interval '2 seconds' where event_id = ${event.eventId} and status = 'reserved'`;

    const first = await api(`/api/events/${event.eventId}`);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toContain('s-maxage=1');
    expect(first.body).toMatchObject({
      event: {
        id: event.eventId,
        name: expect.any(String),
        date: expect.any(String),
        description: expect.any(String),
        performer: { id: expect.any(String), name: expect.any(String) },
        venue: { id: event.venueId, name: expect.any(String), address: expect.any(String), seatMap: { sections: expect.any(Array) } },
      },
    });
    const tickets = (first.body as { event: { tickets: Array<{ id: string; status: string; price: number; seat: unknown }> } }).event
      .tickets;
    expect(tickets).toHaveLength(4);
    expect(tickets.map((t) => t.status)).toEqual(['reserved', 'reserved', 'available', 'available']);
    expect(tickets[0]).toEqual({
      id: event.ticketIds[0],
      seat: { section: 'S1', row: 'A', number: 1 },
      tier: 'standard',
      status: 'reserved',
      price: 5000,
    });

    // No sweeper and no write: once the hold lapses, the next read shows the seats available.
    await new Promise((r) => setTimeout(r, 2_100));
    const second = await api(`/api/events/${event.eventId}`);
    const after = (second.body as { event: { tickets: Array<{ status: string }> } }).event.tickets;
    expect(after.every((t) => t.status === 'available')).toBe(true);
  });

  it('answers 404 with the JSON error body for an unknown or malformed id', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'nope']) {
      const result = await api(`/api/events/${id}`);
      expect(result.status).toBe(404);
      expect(result.body).toMatchObject({ error: { code: 'not_found', message: expect.any(String) } });
    }
  });
});
