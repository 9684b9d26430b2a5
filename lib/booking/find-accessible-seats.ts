// Picks "best available" seats for a wheelchair user's party: pure, so the rules can be tested
// without a database. Flags are bits (lib/venues/seat-flags.ts): wheelchair 1, companion 2.
import { flagBit } from '@/lib/venues/seat-flags';

export type AccessibleSeat = { id: string; x: number; y: number; price: number; flags: number };
export type AccessibleOptions<S extends AccessibleSeat> = {
  wheelchair: number;
  companions: number;
  minPrice?: number;
  maxPrice?: number;
  isAvailable: (seat: S) => boolean;
};

const isWheelchair = (s: AccessibleSeat) => (s.flags & flagBit.wheelchair) !== 0;
const isCompanion = (s: AccessibleSeat) => (s.flags & flagBit.companion) !== 0;

/**
 * `wheelchair` wheelchair spaces and `companions` seats beside them, side by side in one row,
 * every seat available and inside the price band: a run of wheelchair + companions seats with
 * exactly `wheelchair` wheelchair spaces in it. The other seats are companion seats where the row
 * has them and ordinary seats after that (a party may be bigger than the companion seats), so
 * runs with more companion seats rank first, then runs nearer the focal point. A run without a
 * wheelchair space is never returned, so no companion seat is picked alone. Null when none fit.
 */
export function findAccessibleSeats<S extends AccessibleSeat>(
  rows: S[][],
  focal: { x: number; y: number },
  opts: AccessibleOptions<S>,
): string[] | null {
  const { wheelchair, companions, minPrice = 0, maxPrice = Infinity, isAvailable } = opts;
  const size = wheelchair + companions;
  if (wheelchair < 1 || size < 1) return null;
  const eligible = (s: S) => isAvailable(s) && s.price >= minPrice && s.price <= maxPrice;
  let best: { seats: S[]; companionSeats: number; distance: number } | null = null;

  for (const row of rows) {
    let streak = 0;
    for (let i = 0; i < row.length; i++) {
      streak = eligible(row[i]!) ? streak + 1 : 0;
      if (streak < size) continue;
      const seats = row.slice(i - size + 1, i + 1);
      if (seats.filter(isWheelchair).length !== wheelchair) continue;
      const companionSeats = seats.filter(isCompanion).length;
      const x = seats.reduce((sum, s) => sum + s.x, 0) / size;
      const y = seats.reduce((sum, s) => sum + s.y, 0) / size;
      const distance = Math.hypot(x - focal.x, y - focal.y);
      if (!best || companionSeats > best.companionSeats || (companionSeats === best.companionSeats && distance < best.distance)) {
        best = { seats, companionSeats, distance };
      }
    }
  }
  return best ? best.seats.map((s) => s.id) : null;
}
