import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@/lib/testing/race';
import { findBestSeats, type CandidateSeat } from './find-best-seats';

// A row from a pattern: '.' available, 'x' taken; seat ids are "<row><number>", rows one unit
// further from the focal point (0, 0) each, seats centred on x = 0.
function rows(...patterns: string[]): CandidateSeat[][] {
  return patterns.map((p, r) =>
    [...p].map((c, n) => ({ id: `${r}:${n + 1}`, x: n - (p.length - 1) / 2, y: r + 1, price: 5000 + r * 1000, available: c === '.' })),
  );
}
const focal = { x: 0, y: 0 };

describe('findBestSeats', () => {
  it('picks adjacent seats in one row, nearest the stage first', () => {
    const [best] = findBestSeats(rows('.x.x.x.', '.......'), focal, { quantity: 2 });
    expect(best).toEqual(['1:3', '1:4']);
    expect(new Set(best!.map((id) => id.split(':')[0]))).toEqual(new Set(['1']));
  });

  it('prefers the centre of the nearest row', () => {
    const [best] = findBestSeats(rows('.........'), focal, { quantity: 3 });
    expect(best).toEqual(['0:4', '0:5', '0:6']);
  });

  it('never splits a group across rows or across a taken seat', () => {
    expect(findBestSeats(rows('..x..', '.x.x.'), focal, { quantity: 3 })).toEqual([]);
  });

  it('stays inside the price band', () => {
    // Row 0 costs 5000, row 1 6000, row 2 7000.
    const [best] = findBestSeats(rows('....', '....', '....'), focal, { quantity: 2, minPrice: 6500 });
    expect(best?.every((id) => id.startsWith('2:'))).toBe(true);
    expect(findBestSeats(rows('....'), focal, { quantity: 2, maxPrice: 4000 })).toEqual([]);
  });

  it('does not leave a single empty seat when another run does not', () => {
    // Row 0: "x...x" — taking seats 2-3 or 3-4 leaves one lone seat; row 1 is further but clean.
    const [best] = findBestSeats(rows('x...x', 'xx..xx'), focal, { quantity: 2 });
    expect(best).toEqual(['1:3', '1:4']);
  });

  it('takes a run that leaves a single seat when that is all there is', () => {
    expect(findBestSeats(rows('x...x'), focal, { quantity: 2 })[0]).toHaveLength(2);
  });

  it('finds nothing when no row has enough seats together', () => {
    expect(findBestSeats(rows('.x.x.', 'x.x.x'), focal, { quantity: 2 })).toEqual([]);
    expect(findBestSeats([], focal, { quantity: 1 })).toEqual([]);
  });

  it('ranks exactly as scoring every run and sorting would, on random halls, prices and availability', () => {
    const random = mulberry32(13);
    let compared = 0;
    for (let hall = 0; hall < 60; hall++) {
      const focal = { x: random() * 20 - 10, y: random() * 4 - 6 };
      const layout = Array.from({ length: 1 + Math.floor(random() * 8) }, (_, r) =>
        Array.from({ length: Math.floor(random() * 14) }, (_, n) => ({
          id: `${r}:${n}`,
          // Some seats share a position (ties must fall back to seat order).
          x: Math.floor(n - 6 + random() * 2),
          y: r + Math.floor(random() * 2),
          price: 1000 * (1 + Math.floor(random() * 4)),
          available: false,
        })),
      );
      for (let draw = 0; draw < 10; draw++) {
        const free = 0.2 + random() * 0.8;
        const rowsNow = layout.map((row) => row.map((seat) => ({ ...seat, available: random() < free })));
        // Same seats and positions each draw: availability comes through isAvailable, as in the app.
        const isAvailable = (seat: CandidateSeat) => rowsNow[Number(seat.id.split(':')[0])]![Number(seat.id.split(':')[1])]!.available;
        const opts = {
          quantity: 1 + Math.floor(random() * 4),
          limit: 1 + Math.floor(random() * 6),
          minPrice: random() < 0.3 ? 2000 : undefined,
          maxPrice: random() < 0.3 ? 3000 : undefined,
        };
        expect(findBestSeats(layout, focal, { ...opts, isAvailable })).toEqual(scoreAndSort(rowsNow, focal, opts));
        compared++;
      }
    }
    expect(compared).toBe(600);
  });
});

// The rule as stated, the slow way: score every free run, sort, keep the first `limit`.
function scoreAndSort(
  rows: CandidateSeat[][],
  focal: { x: number; y: number },
  o: { quantity: number; limit: number; minPrice?: number; maxPrice?: number },
): string[][] {
  const ok = (s: CandidateSeat) => s.available && s.price >= (o.minPrice ?? 0) && s.price <= (o.maxPrice ?? Infinity);
  const lone = (row: CandidateSeat[], i: number, step: number) => !!row[i]?.available && !row[i + step]?.available;
  const runs: { ids: string[]; single: boolean; distance: number; order: number }[] = [];
  for (const row of rows) {
    for (let start = 0; start + o.quantity <= row.length; start++) {
      const seats = row.slice(start, start + o.quantity);
      if (!seats.every(ok)) continue;
      let sumX = 0;
      let sumY = 0;
      for (const s of seats) {
        sumX += s.x;
        sumY += s.y;
      }
      runs.push({
        ids: seats.map((s) => s.id),
        single: lone(row, start - 1, -1) || lone(row, start + o.quantity, 1),
        distance: Math.hypot(sumX / o.quantity - focal.x, sumY / o.quantity - focal.y),
        order: runs.length,
      });
    }
  }
  runs.sort((a, b) => Number(a.single) - Number(b.single) || a.distance - b.distance || a.order - b.order);
  return runs.slice(0, o.limit).map((r) => r.ids);
}
