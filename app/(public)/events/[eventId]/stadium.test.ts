import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '@/db/seed/random';
import { unpackStatuses } from '@/lib/events/availability-codec';
import type { SeatCatalogue } from '@/lib/events/seat-catalogue';
import { decodeSeatMap } from '@/lib/events/seat-map-codec';
import { testSql } from '@/lib/testing/db';
import { createEvent, type TestEvent } from '@/lib/testing/factories';
import { baseUrl } from '@/lib/testing/http';
import { generateSeatMap } from '@/lib/venues/generate-seat-map';

// Issue 12's sizes, measured on a generated 40,000-seat stadium through the running server.

const sql = testSql();
let event: TestEvent;

beforeAll(async () => {
  event = await createEvent(sql, { seatMap: generateSeatMap('stadium', mulberry32(42)) });
}, 120_000);

afterAll(async () => {
  await sql.end();
});

describe('the stadium event page and its reads', () => {
  it('sends at most 60 KB of HTML, naming its geometry by content hash', async () => {
    const response = await fetch(`${baseUrl}/events/${event.eventId}`);
    const html = await response.text();
    console.log(`[stadium] ${event.seats.length} seats: page ${(Buffer.byteLength(html) / 1024).toFixed(1)} KB`);
    expect(response.status).toBe(200);
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(60 * 1024);
    expect(html).toMatch(new RegExp(`/api/events/${event.eventId}/seats\\?v=[\\w-]{16}`));
    // No seat list in the HTML: it is drawn on request in the browser.
    expect(html).not.toContain('type="checkbox"');
  });

  it('sends the geometry in at most 200 KB, and every seat comes back where the tickets say', async () => {
    const response = await fetch(`${baseUrl}/api/events/${event.eventId}/seats`);
    const text = await response.text();
    console.log(`[stadium] /seats ${(Buffer.byteLength(text) / 1024).toFixed(1)} KB`);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(200 * 1024);
    const catalogue = JSON.parse(text) as SeatCatalogue;
    const map = decodeSeatMap(catalogue.map);
    // Seat i of the expanded map is ticket i: the map picks seats by this index.
    const seats = map.sections.flatMap((s) =>
      s.rows.flatMap((r) => r.seats.map((seat) => ({ section: s.id, row: r.label, number: seat.number }))),
    );
    expect(seats).toEqual(event.seats.map(({ section, row, number }) => ({ section, row, number })));
    expect(catalogue.prices.flatMap(([price, n]) => new Array<number>(n).fill(price))).toEqual(event.seats.map((s) => s.price));

    const availability = (await (await fetch(`${baseUrl}/api/events/${event.eventId}/availability`)).json()) as {
      count: number;
      statuses: string;
    };
    expect(availability.count).toBe(seats.length);
    expect(unpackStatuses(availability.statuses, availability.count).every((s) => s === 0)).toBe(true);
  });
});
