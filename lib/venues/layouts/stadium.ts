import type { SeatMap } from '../seat-map';
import { floorBlocks, numberedRing } from './bowl';
import { frame } from './frame';
import { lastRowRadius, rectangle, type Ring } from './sections';
import type { Track } from './track';
import { between, intBetween, type Rng } from './vary';

// An open-air stadium set up for a concert: the stage at the top of the field, seated field
// blocks in front of it, a lower bowl (1xx), a club level along the two sidelines (2xx) and an
// upper bowl (3xx). As at a real stadium show, the seats behind the stage are not sold.
const tiers = [
  { id: 'floor', name: 'Field' },
  { id: 'premium', name: 'Lower Sideline' },
  { id: 'club', name: 'Club Level' },
  { id: 'standard', name: 'Lower Level' },
  { id: 'value', name: 'Upper Level' },
];

export function stadiumLayout(rng: Rng): SeatMap {
  const track: Track = { cx: 0, cy: 0, hx: between(rng, 270, 300), hy: between(rng, 680, 720) };
  const fieldRadius = 170;
  const seating = { track, rowPitch: 14, seatPitch: 10, aisle: 18 };
  const lower: Ring = { ...seating, firstRow: fieldRadius + 70, rows: intBetween(rng, 25, 27) };
  const club: Ring = { ...seating, firstRow: lastRowRadius(lower) + 50, rows: intBetween(rng, 10, 12) };
  const upper: Ring = { ...seating, firstRow: lastRowRadius(club) + 60, rows: intBetween(rng, 23, 25) };

  const stageTop = -track.hy - fieldRadius + 30;
  const stageFront = stageTop + 220;
  const stageHalf = track.hx + 40;
  const focal = { x: 0, y: stageFront };
  const fieldHalf = track.hx + fieldRadius * 0.75;
  const lowerTiers = [
    { tier: 'premium', share: 0.4 },
    { tier: 'standard', share: 0.6 },
  ];

  return frame({
    stage: { label: 'STAGE', outline: rectangle(-stageHalf, stageTop, stageHalf, stageFront) },
    focal,
    tiers,
    sections: [
      // Seats cover the front two thirds of the field; the back is the sound desk and walkways.
      ...floorBlocks({ left: -fieldHalf, right: fieldHalf, top: stageFront + 80, bottom: track.hy * 0.7, depth: 4 }),
      // Track positions: 1.4 to 7.6 wrap clockwise from beside the stage round to its other side;
      // [2, 3] and [6, 7] are the two sidelines.
      ...numberedRing(lower, { first: 101, spans: [[1.4, 7.6]], width: 240, focal, tiers: lowerTiers }),
      ...numberedRing(club, {
        first: 201,
        spans: [
          [2, 3],
          [6, 7],
        ],
        width: 260,
        focal,
        tiers: [{ tier: 'club', share: 1 }],
      }),
      ...numberedRing(upper, { first: 301, spans: [[1.3, 7.7]], width: 300, focal, tiers: [{ tier: 'value', share: 1 }] }),
    ],
  });
}
