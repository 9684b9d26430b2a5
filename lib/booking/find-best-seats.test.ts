import { describe, expect, it } from 'vitest';
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
});
