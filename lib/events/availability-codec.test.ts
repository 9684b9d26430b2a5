import { describe, expect, it } from 'vitest';
import { packStatuses, unpackStatuses } from './availability-codec';

describe('availability codec', () => {
  it('round-trips statuses at two bits a seat', () => {
    const codes = '0120210002211';
    expect([...unpackStatuses(packStatuses(codes), codes.length)]).toEqual([...codes].map(Number));
  });

  it('fits a 40,000-seat stadium in under 16 KB', () => {
    const codes = Array.from({ length: 40_000 }, (_, i) => String(i % 3)).join('');
    const packed = packStatuses(codes);
    expect(packed.length).toBeLessThanOrEqual(16 * 1024);
    expect(unpackStatuses(packed, 40_000)[39_999]).toBe(39_999 % 3);
  });
});
