import { describe, expect, it } from 'vitest';
import { pickOfferSeats, type FreeSeat } from './pick-offer-seats';

const seat = (id: string, row: string, number: number, priceMinor = 5_000, section = 'S1'): FreeSeat => ({
  id,
  section,
  row,
  number,
  priceMinor,
});

describe('pickOfferSeats', () => {
  it('prefers seats side by side in one row, in seat order', () => {
    const seats = [seat('a1', 'A', 1), seat('a3', 'A', 3), seat('b2', 'B', 2), seat('b3', 'B', 3)];
    expect(pickOfferSeats(seats, { quantity: 2, maxPriceMinor: 9_000, section: null })).toEqual(['b2', 'b3']);
  });

  it('falls back to the first seats in seat order when none are together', () => {
    const seats = [seat('a1', 'A', 1), seat('a3', 'A', 3), seat('b5', 'B', 5)];
    expect(pickOfferSeats(seats, { quantity: 2, maxPriceMinor: 9_000, section: null })).toEqual(['a1', 'a3']);
  });

  it('keeps to the price and the section, and offers nothing when too few fit', () => {
    const seats = [seat('a1', 'A', 1, 7_000), seat('a2', 'A', 2, 5_000), seat('x1', 'A', 1, 5_000, 'S2')];
    expect(pickOfferSeats(seats, { quantity: 1, maxPriceMinor: 6_000, section: null })).toEqual(['a2']);
    expect(pickOfferSeats(seats, { quantity: 1, maxPriceMinor: 6_000, section: 'S2' })).toEqual(['x1']);
    expect(pickOfferSeats(seats, { quantity: 2, maxPriceMinor: 6_000, section: 'S1' })).toBeNull();
    expect(pickOfferSeats([], { quantity: 1, maxPriceMinor: 6_000, section: null })).toBeNull();
  });
});
