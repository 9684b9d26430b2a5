import { arenaLayout } from './layouts/arena';
import { stadiumLayout } from './layouts/stadium';
import { theatreLayout } from './layouts/theatre';
import type { SeatMap, VenueKind } from './seat-map';

// Builds a plausible seat map for a venue of the given kind: about 1,500 seats for a theatre,
// 12,000 for an arena and 40,000 for a stadium, always with the stage at the top and the focal
// point at the centre of its front edge. Rows are lettered from the front (A, B, ... skipping I
// and O); seats are numbered from 1 along each row (clockwise in curved rows, left to right in
// straight ones). The same rng sequence gives the same map, so a seed is reproducible; different
// sequences vary the rows and proportions a little.
const layouts: Record<VenueKind, (rng: () => number) => SeatMap> = {
  theatre: theatreLayout,
  arena: arenaLayout,
  stadium: stadiumLayout,
};

export function generateSeatMap(kind: VenueKind, rng: () => number): SeatMap {
  return layouts[kind](rng);
}
