import type { SeatMapSection } from '../seat-map';
import { gridSection, lastRowRadius, rangeCentre, ringSection, splitRange, tiersByDistance, type Ring } from './sections';

const floorPitch = { rowPitch: 14, seatPitch: 10 };
const floorAisle = 30;

// Seated floor in front of an end stage: three columns (left, centre, right) split into `depth`
// blocks front to back by cross aisles, lettered A, B, C... from the stage back.
export function floorBlocks(area: { left: number; right: number; top: number; bottom: number; depth: number }): SeatMapSection[] {
  const columnWidth = (area.right - area.left - 2 * floorAisle) / 3;
  const blockDepth = (area.bottom - area.top - (area.depth - 1) * floorAisle) / area.depth;
  const rows = Math.floor(blockDepth / floorPitch.rowPitch);
  const sections: SeatMapSection[] = [];
  for (let d = 0; d < area.depth; d++) {
    for (let c = 0; c < 3; c++) {
      const letter = String.fromCharCode(65 + sections.length);
      sections.push(
        gridSection(
          {
            x: area.left + c * (columnWidth + floorAisle),
            y: area.top + d * (blockDepth + floorAisle),
            width: columnWidth,
            rows,
            ...floorPitch,
          },
          { id: `FLR-${letter}`, name: `Floor ${letter}`, tier: 'floor' },
        ),
      );
    }
  }
  return sections;
}

type RingPlan = {
  first: number; // number of the first section, e.g. 101
  spans: [from: number, to: number][]; // track ranges to seat, in numbering order
  width: number; // target section width at the middle row
  focal: { x: number; y: number };
  tiers: { tier: string; share: number }[];
};

// A bowl level cut into numbered sections ("Section 104"), numbered in track order; the
// sections nearest the stage get the pricier tiers.
export function numberedRing(ring: Ring, plan: RingPlan): SeatMapSection[] {
  const middle = (ring.firstRow + lastRowRadius(ring)) / 2;
  const ranges = plan.spans.flatMap(([from, to]) => splitRange(ring.track, from, to, middle, plan.width));
  const tiers = tiersByDistance(
    ranges.map((r) => rangeCentre(ring, r)),
    [plan.focal.x, plan.focal.y],
    plan.tiers,
  );
  return ranges.map(([from, to], i) => {
    const id = String(plan.first + i);
    return ringSection(ring, { id, name: `Section ${id}`, tier: tiers[i] ?? plan.tiers[0]!.tier }, from, to);
  });
}
