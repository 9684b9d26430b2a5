// Picks "best available" seats: pure, so the rules can be tested without a database.

export type CandidateSeat = { id: string; x: number; y: number; price: number; available: boolean };
export type BestSeatsOptions = { quantity: number; minPrice?: number; maxPrice?: number; limit?: number };

type Run = { ids: string[]; distance: number; leavesSingle: boolean };

/**
 * Runs of `quantity` adjacent available seats in one row (rows in seat order), every seat inside
 * the price band, ranked best first: runs that leave no lone empty seat beside them before runs
 * that do (a single seat between taken ones rarely sells), then by the distance of the run's
 * centre to the focal point. A lone seat is taken only when nothing else is left.
 */
export function findBestSeats(rows: CandidateSeat[][], focal: { x: number; y: number }, opts: BestSeatsOptions): string[][] {
  const { quantity, minPrice = 0, maxPrice = Infinity, limit = 5 } = opts;
  const eligible = (s: CandidateSeat) => s.available && s.price >= minPrice && s.price <= maxPrice;
  const runs: Run[] = [];

  for (const row of rows) {
    let streak = 0; // eligible seats ending at i
    for (let i = 0; i < row.length; i++) {
      streak = eligible(row[i]!) ? streak + 1 : 0;
      if (streak < quantity) continue;
      const start = i - quantity + 1;
      const seats = row.slice(start, i + 1);
      const cx = seats.reduce((n, s) => n + s.x, 0) / quantity;
      const cy = seats.reduce((n, s) => n + s.y, 0) / quantity;
      runs.push({
        ids: seats.map((s) => s.id),
        distance: Math.hypot(cx - focal.x, cy - focal.y),
        leavesSingle: leavesSingle(row, start - 1, -1) || leavesSingle(row, i + 1, 1),
      });
    }
  }

  runs.sort((a, b) => Number(a.leavesSingle) - Number(b.leavesSingle) || a.distance - b.distance);
  return runs.slice(0, limit).map((r) => r.ids);
}

// The neighbour at `i` would be an empty seat with nothing empty on its far side.
function leavesSingle(row: CandidateSeat[], i: number, step: 1 | -1): boolean {
  const neighbour = row[i];
  if (!neighbour?.available) return false;
  return !row[i + step]?.available;
}
