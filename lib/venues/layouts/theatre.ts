import type { SeatMap, SeatMapSection } from '../seat-map';
import { frame } from './frame';
import { lastRowRadius, rectangle, ringSection, type Ring } from './sections';
import type { Track } from './track';
import { between, intBetween, type Rng } from './vary';

// A proscenium theatre: the stage at the top, then orchestra, mezzanine and balcony as fans of
// curved rows, each level split into left, centre and right by two aisles. The rows curve around a
// point behind the stage so every seat faces it.
const tiers = [
  { id: 'premium', name: 'Premium' },
  { id: 'preferred', name: 'Preferred' },
  { id: 'standard', name: 'Standard' },
  { id: 'value', name: 'Value' },
];

// Fan angles in degrees from the centre line, converted to positions on the bottom of the track
// (u runs right to left along it).
const right = (degrees: number) => 4 - degrees / 90;
const left = (degrees: number) => 5 + degrees / 90;

type Level = { code: string; name: string; split: number; outer: number; sideTier: string; centreTier: string };

function level(ring: Ring, l: Level): SeatMapSection[] {
  return [
    ringSection(ring, { id: `${l.code}-L`, name: `${l.name} Left`, tier: l.sideTier }, left(l.split), left(l.outer)),
    ringSection(ring, { id: `${l.code}-C`, name: `${l.name} Centre`, tier: l.centreTier }, right(l.split), left(l.split)),
    ringSection(ring, { id: `${l.code}-R`, name: `${l.name} Right`, tier: l.sideTier }, right(l.outer), right(l.split)),
  ];
}

export function theatreLayout(rng: Rng): SeatMap {
  const behind = between(rng, 285, 315);
  const track: Track = { cx: 0, cy: -behind, hx: between(rng, 40, 80), hy: 0 };
  const seating = { track, rowPitch: 30, seatPitch: 20, aisle: 40 };

  const orchestra: Ring = { ...seating, firstRow: behind + 70, rows: intBetween(rng, 20, 21) };
  const mezzanine: Ring = { ...seating, firstRow: lastRowRadius(orchestra) + 90, rows: intBetween(rng, 6, 7) };
  const balcony: Ring = { ...seating, firstRow: lastRowRadius(mezzanine) + 90, rows: intBetween(rng, 7, 8) };

  // The proscenium is narrower than row A, whose ends wrap round beside the stage.
  const halfWidth = track.hx + orchestra.firstRow * Math.sin((26 * Math.PI) / 180);
  return frame({
    stage: { label: 'STAGE', outline: rectangle(-halfWidth, -180, halfWidth, 0) },
    focal: { x: 0, y: 0 },
    tiers,
    sections: [
      ...level(orchestra, { code: 'ORCH', name: 'Orchestra', split: 12, outer: 32, sideTier: 'preferred', centreTier: 'premium' }),
      ...level(mezzanine, { code: 'MEZZ', name: 'Mezzanine', split: 9, outer: 26, sideTier: 'standard', centreTier: 'preferred' }),
      ...level(balcony, { code: 'BALC', name: 'Balcony', split: 8, outer: 24, sideTier: 'value', centreTier: 'standard' }),
    ],
  });
}
