import { describe, expect, it } from 'vitest';
import { percentile, spearman } from './report-stats';

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 95)).toBe(10);
    expect(percentile(values, 25)).toBe(3);
    expect(percentile([42], 95)).toBe(42);
    expect(percentile([], 50)).toBeNull();
  });
});

describe('spearman', () => {
  it('is 1 for the same order, -1 for the reverse, and near 0 for a fair shuffle', () => {
    const xs = Array.from({ length: 1_000 }, (_, i) => i);
    expect(
      spearman(
        xs,
        xs.map((x) => x * 3 + 1),
      ),
    ).toBeCloseTo(1, 12);
    expect(
      spearman(
        xs,
        xs.map((x) => -x),
      ),
    ).toBeCloseTo(-1, 12);
    const shuffled = [...xs];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    // For n = 1000 the standard error of ρ under independence is 1/√999 ≈ 0.032.
    expect(Math.abs(spearman(xs, shuffled)!)).toBeLessThan(0.15);
  });

  it('averages tied ranks and refuses what has no order', () => {
    // Known value: x = [1, 2, 2, 3], y = [1, 3, 2, 4] gives ρ = 0.9486...
    expect(spearman([1, 2, 2, 3], [1, 3, 2, 4])).toBeCloseTo(0.9486833, 6);
    expect(spearman([1, 2], [2, 1])).toBeNull();
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNull();
  });
});
