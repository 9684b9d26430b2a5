// The statistics of the on-sale report, kept pure so they are tested on their own.

/** Nearest-rank percentile (p in 0..100) of the values; null for none. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** 1-based ranks, ties sharing the mean of their places (the usual convention for Spearman's ρ). */
function ranks(values: number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    const mean = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k]![1]] = mean;
    i = j + 1;
  }
  return out;
}

/**
 * Spearman's rank correlation of two paired lists: the Pearson correlation of their ranks.
 * Null with fewer than three pairs or when either list is constant (no order to compare).
 */
export function spearman(xs: number[], ys: number[]): number | null {
  if (xs.length !== ys.length) throw new Error('spearman: lists of different lengths');
  const n = xs.length;
  if (n < 3) return null;
  const [rx, ry] = [ranks(xs), ranks(ys)];
  const mean = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = rx[i]! - mean;
    const dy = ry[i]! - mean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}
