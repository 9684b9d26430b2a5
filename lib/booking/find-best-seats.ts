// Picks "best available" seats: pure, so the rules can be tested without a database.
import { rankedRuns } from './ranked-runs';

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

/**
 * Runs of `quantity` adjacent available seats in one row, every seat inside the price band,
 * ranked best first: runs that leave no lone empty seat beside them before runs that do (a single
 * seat between taken ones rarely sells), then by the distance of the run's centre to the focal
 * point, ties in seat order. A lone seat is taken only when nothing else is left.
 *
 * Walks the runs in their fixed distance order (ranked-runs.ts) and stops once `limit` clean runs
 * are found, so a request costs as much as the seats it has to look past.
 */
export function findBestSeats<S extends Seat = CandidateSeat>(
  rows: S[][],
  focal: { x: number; y: number },
  opts: BestSeatsOptions<S>,
): string[][] {
  const { quantity, minPrice = 0, maxPrice = Infinity, limit = 5 } = opts;
  const available = opts.isAvailable ?? ((s: S) => (s as unknown as CandidateSeat).available);
  const eligible = (s: S) => available(s) && s.price >= minPrice && s.price <= maxPrice;
  const runs = rankedRuns(rows, focal, quantity);
  const clean: number[] = [];
  const lone: number[] = [];

  for (let k = 0; k < runs.start.length && clean.length < limit; k++) {
    const row = rows[runs.row[k]!]!;
    const start = runs.start[k]!;
    const end = start + quantity;
    let free = true;
    for (let j = start; j < end && free; j++) free = eligible(row[j]!);
    if (!free) continue;
    if (!leavesSingle(row, start - 1, -1, available) && !leavesSingle(row, end, 1, available)) clean.push(k);
    else if (lone.length < limit) lone.push(k);
  }
  return [...clean, ...lone]
    .slice(0, limit)
    .map((k) => rows[runs.row[k]!]!.slice(runs.start[k]!, runs.start[k]! + quantity).map((s) => s.id));
}

// The neighbour at `i` would be an empty seat with nothing empty on its far side.
function leavesSingle<S>(row: S[], i: number, step: 1 | -1, available: (s: S) => boolean): boolean {
  const neighbour = row[i];
  if (!neighbour || !available(neighbour)) return false;
  const beyond = row[i + step];
  return !beyond || !available(beyond);
}
