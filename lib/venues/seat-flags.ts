import type { SeatFlag, SeatMap, SeatMapSeat, SeatMapSection } from './seat-map';

// Marks a generated map's seats the way a venue's plan would:
// - wheelchair spaces with a companion seat beside each, at both ends of one row per section
//   where level access is (the back of a lower level, the front of an upper one): from the aisle
//   inward wheelchair, companion, wheelchair, companion (one pair on a short row);
// - aisle seats at the other rows' ends (every generated section is bounded by aisles);
// - restricted view where a seat looks at the stage from too far round the side: more than
//   `restrictedBeyond` degrees off the line straight out from the focal point.
// Geometry and seat order are untouched, so a map's tickets keep their seat_index.

export type AccessibleRow = 'first' | 'last' | null;
export type FlagPlan = {
  /** The row of a section that has wheelchair spaces, if any. */
  accessibleRow: (section: SeatMapSection) => AccessibleRow;
  restrictedBeyond: number;
};

const pairsFor = (seats: number) => (seats >= 10 ? 2 : seats >= 4 ? 1 : 0);

/** Degrees between "straight out from the stage" (down the map) and the focal point to the seat. */
export function viewAngle(map: Pick<SeatMap, 'focal'>, seat: Pick<SeatMapSeat, 'x' | 'y'>): number {
  return (Math.atan2(Math.abs(seat.x - map.focal.x), seat.y - map.focal.y) * 180) / Math.PI;
}

export function markSeatFlags(map: SeatMap, plan: FlagPlan): SeatMap {
  return {
    ...map,
    sections: map.sections.map((section) => {
      const which = plan.accessibleRow(section);
      const accessible = which === 'first' ? 0 : which === 'last' ? section.rows.length - 1 : -1;
      return {
        ...section,
        rows: section.rows.map((row, r) => {
          const n = row.seats.length;
          const pairs = r === accessible ? pairsFor(n) : 0;
          return {
            ...row,
            seats: row.seats.map((seat, i) => {
              const fromEnd = Math.min(i, n - 1 - i);
              const flags: SeatFlag[] = [];
              if (fromEnd < 2 * pairs) flags.push(fromEnd % 2 === 0 ? 'wheelchair' : 'companion');
              else if (fromEnd === 0) flags.push('aisle');
              if (viewAngle(map, seat) > plan.restrictedBeyond) flags.push('restricted');
              const { number, x, y } = seat;
              return flags.length > 0 ? { number, x, y, flags } : { number, x, y };
            }),
          };
        }),
      };
    }),
  };
}

/** A seat's flags as bits, for compact per-seat arrays (wheelchair 1, companion 2, aisle 4, restricted 8). */
export const flagBit: Record<SeatFlag, number> = { wheelchair: 1, companion: 2, aisle: 4, restricted: 8 };

export function flagBits(flags: readonly SeatFlag[] | undefined): number {
  let bits = 0;
  for (const f of flags ?? []) bits |= flagBit[f];
  return bits;
}
