import { flagBit } from '@/lib/venues/seat-flags';
import { seatFlags, type SeatFlag } from '@/lib/venues/seat-map';

// What a seat's flags (bits, lib/venues/seat-flags.ts) say in words: the map's seat labels and
// tooltip, the seat list and the legend all use these.
export const flagWords: Record<SeatFlag, string> = {
  wheelchair: 'wheelchair space',
  companion: 'companion seat, sold with a wheelchair space',
  aisle: 'aisle seat',
  restricted: 'restricted view',
};

/** Short names for the tooltip and the seat list's boxes. */
export const flagShort: Record<SeatFlag, string> = {
  wheelchair: 'Wheelchair space',
  companion: 'Companion seat',
  aisle: 'Aisle seat',
  restricted: 'Restricted view',
};

export const flagsIn = (bits: number): SeatFlag[] => seatFlags.filter((f) => (bits & flagBit[f]) !== 0);

export const flagText = (bits: number): string =>
  flagsIn(bits)
    .map((f) => flagWords[f])
    .join(', ');
