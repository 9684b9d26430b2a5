// The static geometry of a venue, stored once per venue (venues.seat_map) and shared by every
// event there. Seats appear in a fixed order (section, row, seat) which tickets.seat_index follows,
// so availability can later be sent as one compact array in that order.

export type Point = readonly [x: number, y: number];

// What a fan may need to know about a seat before choosing it (lib/venues/seat-flags.ts). A
// companion seat is sold only together with a wheelchair space (enforced by hold_seats()).
export const seatFlags = ['wheelchair', 'companion', 'aisle', 'restricted'] as const;
export type SeatFlag = (typeof seatFlags)[number];

export type SeatMapSeat = { number: number; x: number; y: number; flags?: SeatFlag[] };
export type SeatMapRow = { label: string; seats: SeatMapSeat[] };

export type SeatMapSection = {
  id: string; // stable code used on tickets, e.g. "104" or "ORCH-L"
  name: string; // "Section 104", "Orchestra Left"
  tier: string; // price tier id
  outline: Point[]; // polygon in seat-map coordinates
  rows: SeatMapRow[];
};

export type PriceTier = { id: string; name: string };

export type SeatMap = {
  width: number;
  height: number;
  stage: { label: string; outline: Point[] };
  focal: { x: number; y: number }; // where "nearest the stage" is measured from
  tiers: PriceTier[];
  sections: SeatMapSection[];
};

export type VenueKind = 'theatre' | 'arena' | 'stadium';

export function seatCount(map: SeatMap): number {
  let n = 0;
  for (const s of map.sections) for (const r of s.rows) n += r.seats.length;
  return n;
}
