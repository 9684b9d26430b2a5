import type { Seat } from './find-best-seats';

/** Every run of `quantity` adjacent seats in one row, nearest the focal point first (ties in seat order). */
export type RankedRuns = { focal: { x: number; y: number }; row: Int32Array; start: Int32Array };

// Per rows array (an event's layout is built once per process, lib/events/seat-rows.ts) and
// quantity: seat positions never move, so neither does this order.
const cache = new WeakMap<object, Map<number, RankedRuns>>();

/**
 * The runs best available walks, ranked once. A stadium has ~40,000 runs per quantity; ranking
 * them for every request (or scanning and scoring all of them, as before) cost more CPU than the
 * rest of a hold. With the order fixed, a request stops at the first run that is free.
 */
export function rankedRuns<S extends Seat>(rows: S[][], focal: { x: number; y: number }, quantity: number): RankedRuns {
  let byQuantity = cache.get(rows);
  if (!byQuantity) cache.set(rows, (byQuantity = new Map()));
  const hit = byQuantity.get(quantity);
  if (hit && hit.focal.x === focal.x && hit.focal.y === focal.y) return hit;

  let count = 0;
  for (const row of rows) count += Math.max(0, row.length - quantity + 1);
  const rowOf = new Int32Array(count);
  const startOf = new Int32Array(count);
  const distance = new Float64Array(count);
  let n = 0;
  rows.forEach((row, r) => {
    for (let start = 0; start + quantity <= row.length; start++) {
      let sumX = 0;
      let sumY = 0;
      for (let j = start; j < start + quantity; j++) {
        sumX += row[j]!.x;
        sumY += row[j]!.y;
      }
      rowOf[n] = r;
      startOf[n] = start;
      distance[n] = Math.hypot(sumX / quantity - focal.x, sumY / quantity - focal.y);
      n++;
    }
  });
  const order = Int32Array.from({ length: count }, (_, i) => i).sort((a, b) => distance[a]! - distance[b]! || a - b);
  const ranked: RankedRuns = {
    focal: { ...focal },
    row: order.map((i) => rowOf[i]!),
    start: order.map((i) => startOf[i]!),
  };
  byQuantity.set(quantity, ranked);
  return ranked;
}
