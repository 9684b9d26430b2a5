import { arenaLayout } from './layouts/arena';
import { stadiumLayout } from './layouts/stadium';
import { theatreLayout } from './layouts/theatre';
import { markSeatFlags, type FlagPlan } from './seat-flags';
import type { SeatMap, VenueKind } from './seat-map';

// Builds a plausible seat map for a venue of the given kind: about 1,500 seats for a theatre,
// 12,000 for an arena and 40,000 for a stadium, always with the stage at the top and the focal
// point at the centre of its front edge. Rows are lettered from the front (A, B, ... skipping I
// and O); seats are numbered from 1 along each row (clockwise in curved rows, left to right in
// straight ones). The same rng sequence gives the same map, so a seed is reproducible; different
// sequences vary the rows and proportions a little. Seats carry flags (lib/venues/seat-flags.ts).
const layouts: Record<VenueKind, (rng: () => number) => SeatMap> = {
  theatre: theatreLayout,
  arena: arenaLayout,
  stadium: stadiumLayout,
};

// Where level access is: the back of the stalls in a theatre (from the lobby); in a bowl, the
// cross aisle at the top of the lower level and the front of the levels above it. Restricted
// view: a theatre seat more than 55 degrees round the side; in a bowl round an end stage, a seat
// more than 105 degrees round, beside or behind the stage's front, which sees it side-on.
export const flagPlans: Record<VenueKind, FlagPlan> = {
  theatre: { accessibleRow: (s) => (s.id.startsWith('ORCH') ? 'last' : null), restrictedBeyond: 55 },
  arena: { accessibleRow: bowlRow, restrictedBeyond: 105 },
  stadium: { accessibleRow: bowlRow, restrictedBeyond: 105 },
};

function bowlRow(section: { id: string }) {
  if (/^1\d\d$/.test(section.id)) return 'last';
  if (/^[23]\d\d$/.test(section.id)) return 'first';
  return null;
}

export function generateSeatMap(kind: VenueKind, rng: () => number): SeatMap {
  return markSeatFlags(layouts[kind](rng), flagPlans[kind]);
}
