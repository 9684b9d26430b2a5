// Picks "best available" seats: pure, so the rules can be tested without a database.

export type CandidateSeat = { id: string; x: number; y: number; price: number; available: boolean };
export type Seat = Omit<CandidateSeat, 'available'>;
/** `isAvailable` reads availability from elsewhere (default: the seat's own `available`). */
export type BestSeatsOptions<S extends Seat> = {
  quantity: number;
  minPrice?: number;
  maxPrice?: number;
  limit?: number;
  isAvailable?: (seat: S) => boolean;
};

type Run<S> = { row: S[]; start: number; distance: number; leavesSingle: boolean };

/**
 * Runs of `quantity` adjacent available seats in one row (rows in seat order), every seat inside
 * the price band, ranked best first: runs that leave no lone empty seat beside them before runs
 * that do (a single seat between taken ones rarely sells), then by the distance of the run's
 * centre to the focal point. A lone seat is taken only when nothing else is left.
 *
 * One pass that keeps only the best `limit` runs: a stadium has ~40,000 candidate runs for one
 * seat, and sorting them all for every request cost more than the rest of a hold.
 */
export function findBestSeats<S extends Seat = CandidateSeat>(
  rows: S[][],
  focal: { x: number; y: number },
  opts: BestSeatsOptions<S>,
): string[][] {
  const { quantity, minPrice = 0, maxPrice = Infinity, limit = 5 } = opts;
  const available = opts.isAvailable ?? ((s: S) => (s as unknown as CandidateSeat).available);
  const eligible = (s: S) => available(s) && s.price >= minPrice && s.price <= maxPrice;
  const best: Run<S>[] = []; // sorted, at most `limit`

  for (const row of rows) {
    let streak = 0; // eligible seats ending at i
    for (let i = 0; i < row.length; i++) {
      streak = eligible(row[i]!) ? streak + 1 : 0;
      if (streak < quantity) continue;
      const start = i - quantity + 1;
      let sumX = 0;
      let sumY = 0;
      for (let j = start; j <= i; j++) {
        sumX += row[j]!.x;
        sumY += row[j]!.y;
      }
      const run: Run<S> = {
        row,
        start,
        distance: Math.hypot(sumX / quantity - focal.x, sumY / quantity - focal.y),
        leavesSingle: leavesSingle(row, start - 1, -1, available) || leavesSingle(row, i + 1, 1, available),
      };
      keep(best, run, limit);
    }
  }
  return best.map((r) => r.row.slice(r.start, r.start + quantity).map((s) => s.id));
}

const before = <S>(a: Run<S>, b: Run<S>) => Number(a.leavesSingle) - Number(b.leavesSingle) || a.distance - b.distance;

// Inserts after every run that ranks the same or better, so ties keep seat order.
function keep<S>(best: Run<S>[], run: Run<S>, limit: number): void {
  if (best.length === limit && before(run, best[limit - 1]!) >= 0) return;
  let i = best.length;
  while (i > 0 && before(run, best[i - 1]!) < 0) i--;
  best.splice(i, 0, run);
  if (best.length > limit) best.pop();
}

// The neighbour at `i` would be an empty seat with nothing empty on its far side.
function leavesSingle<S>(row: S[], i: number, step: 1 | -1, available: (s: S) => boolean): boolean {
  const neighbour = row[i];
  if (!neighbour || !available(neighbour)) return false;
  const beyond = row[i + step];
  return !beyond || !available(beyond);
}
