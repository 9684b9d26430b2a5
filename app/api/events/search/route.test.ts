import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createSearchCatalogue } from '@/lib/search/search-fixtures';
import { testSql } from '@/lib/testing/db';
import { api } from '@/lib/testing/http';

// Against the running server (E2E_BASE_URL), like every HTTP test.
const sql = testSql();
afterAll(() => sql.end());

describe('GET /api/events/search', () => {
  it('answers the DESIGN shape, cacheable at the edge, and is not taken for an event id', async () => {
    const cat = await createSearchCatalogue(sql);
    const result = await api(`/api/events/search?keyword=beyonse&city=${cat.city}&limit=2`);
    expect(result.status).toBe(200);
    expect(result.headers.get('cache-control')).toContain('s-maxage=10');
    expect(result.body).toMatchObject({
      page: 1,
      limit: 2,
      total: 6,
      events: [
        {
          id: cat.ids.performerSooner,
          name: 'Beyoncé: Renaissance',
          date: expect.any(String),
          performer: { id: expect.any(String), name: 'Beyoncé' },
          venue: { name: 'Orpheum Hall', city: cat.city },
        },
        { id: cat.ids.performer },
      ],
    });
  });

  it("gives each result its card: lowest all-in price, on-sale time, queue, as the home page's cards", async () => {
    const cat = await createSearchCatalogue(sql);
    const priced = cat.ids.performerSooner!;
    const seats = [
      [0, 'A', 1, 6000, 'available'],
      [1, 'A', 2, 4500, 'available'],
      [2, 'A', 3, 3000, 'reserved'], // held by someone until tomorrow: not a price a fan can get
    ] as const;
    const [fan] = await sql`
      insert into users (email, name, password_hash) values (${`search-card-${randomUUID()}@example.com`}, 'Card Fan', 'x') returning id`;
    const [hold] = await sql`
      insert into reservations (id, user_id, event_id, expires_at)
      values (${randomUUID()}, ${fan!.id}, ${priced}, now() + interval '1 day') returning id`;
    for (const [index, row, number, price, status] of seats) {
      const held = status === 'reserved';
      await sql`
        insert into tickets (event_id, seat_index, section, row, number, tier, price_minor, currency, status, hold_id, hold_expires_at)
        values (${priced}, ${index}, 'Floor', ${row}, ${number}, 'standard', ${price}, 'USD', ${status},
                ${held ? hold!.id : null}, ${held ? new Date(Date.now() + 86_400_000) : null})`;
    }
    await sql`update events set queue_mode = 'on' where id = ${priced}`;
    await new Promise((r) => setTimeout(r, 1200)); // the server's queued-events list refreshes every 500 ms in tests

    const result = await api(`/api/events/search?keyword=beyonce&city=${cat.city}&limit=3`);
    expect(result.status).toBe(200);
    const [first, second] = (result.body as { events: Array<{ id: string; card: unknown }> }).events;
    expect(first).toMatchObject({ id: priced, card: { fromPrice: 4500, currency: 'USD', queued: true, onSaleAt: expect.any(String) } });
    expect(second).toMatchObject({ id: cat.ids.performer, card: { fromPrice: null, queued: false } });
  });

  it.each([
    ['limit above 100', 'limit=101', 'limit'],
    ['limit zero', 'limit=0', 'limit'],
    ['page zero', 'page=0', 'page'],
    ['page not a number', 'page=two', 'page'],
    ['a date that is not ISO', 'start=05/03/2031', 'start'],
    ['an impossible day', 'start=2031-02-30', 'start'],
    ['start after end', 'start=2031-03-08&end=2031-03-07', 'start'],
    ['a keyword over 200 characters', `keyword=${'a'.repeat(201)}`, 'keyword'],
  ])('refuses %s with 400 and the JSON error body', async (_why, query, path) => {
    const result = await api(`/api/events/search?${query}`);
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ error: { code: 'bad_request', message: expect.any(String), details: { issues: [{ path }] } } });
  });

  it('takes full ISO timestamps and an empty field as absent', async () => {
    const result = await api('/api/events/search?start=2031-03-05T00:00:00Z&end=2031-03-07T23:59:59.999%2B01:00&city=&keyword=');
    expect(result.status).toBe(200);
  });
});
