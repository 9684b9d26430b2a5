import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@/db/seed/random';
import { generateSeatMap } from '@/lib/venues/generate-seat-map';
import { seatCount, type SeatMap, type VenueKind } from '@/lib/venues/seat-map';
import { decodeSeatMap, encodeRow, encodeSeatMap, tolerance } from './seat-map-codec';

function worstError(stored: SeatMap, decoded: SeatMap): number {
  let worst = 0;
  stored.sections.forEach((section, s) =>
    section.rows.forEach((row, r) => {
      const back = decoded.sections[s]!.rows[r]!;
      expect(back.label).toBe(row.label);
      expect(back.seats.map((seat) => seat.number)).toEqual(row.seats.map((seat) => seat.number));
      row.seats.forEach((seat, k) => {
        worst = Math.max(worst, Math.hypot(seat.x - back.seats[k]!.x, seat.y - back.seats[k]!.y));
      });
    }),
  );
  return worst;
}

describe('seat map codec', () => {
  it.each<[VenueKind, number]>([
    ['theatre', 1],
    ['arena', 7],
    ['stadium', 42],
    ['stadium', 2024],
  ])('gives back every seat of a %s (seed %i), in order, numbered as stored, within the tolerance', (kind, seed) => {
    const map = generateSeatMap(kind, mulberry32(seed));
    const decoded = decodeSeatMap(JSON.parse(JSON.stringify(encodeSeatMap(map))));
    expect(seatCount(decoded)).toBe(seatCount(map));
    expect(worstError(map, decoded)).toBeLessThanOrEqual(tolerance);
    expect(decoded.sections.map((s) => s.outline)).toEqual(map.sections.map((s) => s.outline));
  });

  it('describes a 40,000-seat stadium in under 100 KB, about one run a row', () => {
    const map = generateSeatMap('stadium', mulberry32(42));
    const encoded = encodeSeatMap(map);
    const rows = encoded.sections.flatMap((s) => s.rows);
    const runs = rows.reduce((n, row) => n + row.length - 1, 0);
    expect(JSON.stringify(encoded).length).toBeLessThan(100 * 1024);
    expect(runs).toBeLessThan(rows.length * 1.5);
  });

  it('starts a new run at a gap in the numbers or a seat off the line, and keeps a lone seat', () => {
    const straight = (from: number, to: number, y = 0) =>
      Array.from({ length: to - from + 1 }, (_, k) => ({ number: from + k, x: 10 * (from + k), y }));
    const row = { label: 'A', seats: [...straight(1, 5), ...straight(8, 10), { number: 11, x: 110, y: 25 }] };
    const [, ...runs] = encodeRow(row);
    expect(runs.map((r) => [r[0], r[1]])).toEqual([
      [1, 5],
      [8, 3],
      [11, 1],
    ]);
  });

  it('follows an arc with a turning step', () => {
    const seats = Array.from({ length: 30 }, (_, k) => {
      const a = 0.4 + k * 0.02;
      return { number: k + 1, x: Math.round(500 * Math.cos(a) * 10) / 10, y: Math.round(500 * Math.sin(a) * 10) / 10 };
    });
    const [, ...runs] = encodeRow({ label: 'B', seats });
    expect(runs).toHaveLength(1);
    expect(runs[0]![6]).toBeCloseTo(0.02, 4);
  });
});
