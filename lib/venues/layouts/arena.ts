import type { SeatMap } from '../seat-map';
import { frame } from './frame';
import { floorBlocks, numberedRing } from './bowl';
import { lastRowRadius, rectangle, type Ring } from './sections';
import type { Track } from './track';
import { between, intBetween, type Rng } from './vary';

// An indoor arena in end-stage configuration: the stage at the top of the floor, seated floor
// blocks in front of it, and lower (1xx) and upper (2xx) bowls wrapping the other three sides.
// The bowl behind the stage is left unsold, as at a real end-stage show.
const tiers = [
  { id: 'floor', name: 'Floor' },
  { id: 'premium', name: 'Lower Bowl Prime' },
  { id: 'standard', name: 'Lower Bowl' },
  { id: 'value', name: 'Upper Bowl' },
];

export function arenaLayout(rng: Rng): SeatMap {
  const track: Track = { cx: 0, cy: 0, hx: between(rng, 130, 150), hy: between(rng, 300, 330) };
  const floorRadius = 200;
  const seating = { track, rowPitch: 14, seatPitch: 10, aisle: 16 };
  const lower: Ring = { ...seating, firstRow: floorRadius + 40, rows: intBetween(rng, 15, 17) };
  const upper: Ring = { ...seating, firstRow: lastRowRadius(lower) + 60, rows: intBetween(rng, 12, 14) };

  const stageTop = -track.hy - floorRadius + 20;
  const stageFront = stageTop + 160;
  const stageHalf = track.hx + 60;
  const focal = { x: 0, y: stageFront };
  // The floor keeps clear of the rounded corners at the far end.
  const floorHalf = track.hx + floorRadius * 0.75;
  const floorBottom = track.hy + floorRadius * 0.5;
  const lowerTiers = [
    { tier: 'premium', share: 0.45 },
    { tier: 'standard', share: 0.55 },
  ];

  return frame({
    stage: { label: 'STAGE', outline: rectangle(-stageHalf, stageTop, stageHalf, stageFront) },
    focal,
    tiers,
    sections: [
      ...floorBlocks({ left: -floorHalf, right: floorHalf, top: stageFront + 50, bottom: floorBottom, depth: 2 }),
      // Track positions 1.45 to 7.55 run clockwise from beside the stage round to its other side.
      ...numberedRing(lower, { first: 101, spans: [[1.45, 7.55]], width: 170, focal, tiers: lowerTiers }),
      ...numberedRing(upper, { first: 201, spans: [[1.35, 7.65]], width: 210, focal, tiers: [{ tier: 'value', share: 1 }] }),
    ],
  });
}
