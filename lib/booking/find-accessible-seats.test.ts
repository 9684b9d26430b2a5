import { describe, expect, it } from 'vitest';
import { findAccessibleSeats, type AccessibleSeat } from './find-accessible-seats';

// A row from a pattern: 'W' wheelchair space, 'C' companion seat, '.' ordinary seat, lower case
// for the same seat taken; ids are "<row>:<number>", rows one unit further from (0, 0) each.
type Seat = AccessibleSeat & { free: boolean };
const bits: Record<string, number> = { w: 1, c: 2, '.': 0, x: 0 };
function rows(...patterns: string[]): Seat[][] {
  return patterns.map((p, r) =>
    [...p].map((ch, n) => ({
      id: `${r}:${n + 1}`,
      x: n - (p.length - 1) / 2,
      y: r + 1,
      price: 5000 + r * 1000,
      flags: bits[ch.toLowerCase()]!,
      free: ch !== 'x' && ch === ch.toUpperCase(),
    })),
  );
}
const focal = { x: 0, y: 0 };
const isAvailable = (s: Seat) => s.free;
const find = (rs: Seat[][], wheelchair: number, companions: number, extra: { minPrice?: number; maxPrice?: number } = {}) =>
  findAccessibleSeats(rs, focal, { wheelchair, companions, isAvailable, ...extra });

describe('findAccessibleSeats', () => {
  it('picks a wheelchair space with the companion seat beside it, nearest the stage', () => {
    expect(find(rows('WCWC..CWCW'), 1, 1)).toEqual(['0:3', '0:4']);
    expect(find(rows('WC..', 'CW..'), 1, 1)).toEqual(['0:1', '0:2']);
  });

  it('picks two spaces and two companions side by side, or one space between two companions', () => {
    expect(find(rows('WCWC..CWCW'), 2, 2)).toEqual(['0:1', '0:2', '0:3', '0:4']);
    expect(find(rows('WCWC..CWCW'), 1, 2)).toEqual(['0:2', '0:3', '0:4']);
  });

  it('fills a party bigger than the companion seats with ordinary seats beside them, companion seats first', () => {
    expect(find(rows('WC....'), 1, 3)).toEqual(['0:1', '0:2', '0:3', '0:4']);
    // Both runs hold one space; the one with a companion seat wins although it is further out.
    expect(find(rows('.W..', '..WC'), 1, 1)).toEqual(['1:3', '1:4']);
  });

  it('skips taken seats and taken spaces, and the price band', () => {
    expect(find(rows('wCWC'), 1, 1)).toEqual(['0:2', '0:3']);
    expect(find(rows('WcWC'), 1, 1)).toEqual(['0:3', '0:4']);
    expect(find(rows('WC', 'WC'), 1, 1, { minPrice: 6000 })).toEqual(['1:1', '1:2']);
    expect(find(rows('WC', 'WC'), 1, 1, { maxPrice: 4000 })).toBeNull();
  });

  it('never returns companion seats without a wheelchair space, nor more spaces than asked', () => {
    expect(find(rows('.CC.'), 1, 1)).toBeNull();
    expect(find(rows('CC..'), 0, 2)).toBeNull();
    expect(find(rows('WW'), 1, 1)).toBeNull();
    expect(find(rows('WCWC'), 2, 0)).toBeNull();
  });

  it('finds nothing when every space is gone', () => {
    expect(find(rows('wcwc..cwcw'), 1, 1)).toBeNull();
  });
});
