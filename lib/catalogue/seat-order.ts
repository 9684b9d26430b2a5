import type { SeatMap, SeatMapRow, SeatMapSeat, SeatMapSection } from '@/lib/venues/seat-map';

export type SeatInOrder = {
  /** The seat's place in the venue's fixed order: tickets.seat_index, the index diffs carry. */
  index: number;
  section: SeatMapSection;
  sectionIndex: number;
  row: SeatMapRow;
  rowIndex: number;
  seat: SeatMapSeat;
};

/**
 * The one walk of a seat map in its fixed order (section, row, seat), which tickets.seat_index
 * follows. Issuing tickets, the seed, best-available and anything else that pairs seats with
 * tickets walks through here, so the order cannot drift between them.
 */
export function* seatsInOrder(map: SeatMap): Generator<SeatInOrder> {
  let index = 0;
  for (const [sectionIndex, section] of map.sections.entries()) {
    for (const [rowIndex, row] of section.rows.entries()) {
      for (const seat of row.seats) yield { index: index++, section, sectionIndex, row, rowIndex, seat };
    }
  }
}
