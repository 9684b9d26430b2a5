import { seatsInOrder, type SeatInOrder } from '@/lib/catalogue/seat-order';
import { flagBits } from '@/lib/venues/seat-flags';
import type { SeatMap } from '@/lib/venues/seat-map';

// The seat map flattened once per event into what drawing and keyboard movement need: seats by
// seat_index (the order of tickets and of the compact availability), grouped by section and row.

export type Box = { x: number; y: number; w: number; h: number };
export type RowGeom = { label: string; start: number; end: number };
export type SectionGeom = {
  index: number;
  id: string;
  name: string;
  /** The price tier's name ("Lower Sideline"), when the map names it. */
  tierName: string | null;
  path: string;
  box: Box;
  centre: { x: number; y: number };
  start: number;
  end: number;
  rows: RowGeom[];
};
/** `flags` as bits (lib/venues/seat-flags.ts flagBit): wheelchair 1, companion 2, aisle 4, restricted 8. */
export type SeatGeom = { x: number; y: number; number: number; row: number; section: number; flags: number };

export type Layout = {
  width: number;
  height: number;
  stagePath: string;
  stageLabel: string;
  stageCentre: { x: number; y: number };
  seatRadius: number;
  sections: SectionGeom[];
  seats: SeatGeom[];
  /** Rows across all sections, indexed by SeatGeom.row. */
  rows: RowGeom[];
};

const pathOf = (outline: ReadonlyArray<readonly [number, number]>) =>
  outline.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x} ${y}`).join('') + 'Z';

function boxOf(points: ReadonlyArray<readonly [number, number]>): Box {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y };
}

export function buildLayout(map: SeatMap): Layout {
  const tierNames = new Map(map.tiers.map((t) => [t.id, t.name]));
  const seats: SeatGeom[] = [];
  const rows: RowGeom[] = [];
  const rowsOf: RowGeom[][] = map.sections.map(() => []);
  let pitch = Infinity;
  let previous: SeatInOrder | null = null;
  // The catalogue's own walk, so the index of each seat here is its tickets.seat_index.
  for (const at of seatsInOrder(map)) {
    if (previous?.sectionIndex === at.sectionIndex && previous.rowIndex === at.rowIndex) {
      pitch = Math.min(pitch, Math.hypot(at.seat.x - previous.seat.x, at.seat.y - previous.seat.y) || Infinity);
    } else {
      const geom = { label: at.row.label, start: at.index, end: at.index };
      rows.push(geom);
      rowsOf[at.sectionIndex]!.push(geom);
    }
    rows[rows.length - 1]!.end = at.index + 1;
    seats.push({
      x: at.seat.x,
      y: at.seat.y,
      number: at.seat.number,
      row: rows.length - 1,
      section: at.sectionIndex,
      flags: flagBits(at.seat.flags),
    });
    previous = at;
  }
  let cursor = 0;
  const sections = map.sections.map((section, s): SectionGeom => {
    const sectionRows = rowsOf[s]!;
    const start = sectionRows[0]?.start ?? cursor;
    cursor = sectionRows.at(-1)?.end ?? start;
    const box = boxOf(section.outline);
    return {
      index: s,
      id: section.id,
      name: section.name,
      tierName: tierNames.get(section.tier) ?? null,
      path: pathOf(section.outline),
      box,
      centre: { x: box.x + box.w / 2, y: box.y + box.h / 2 },
      start,
      end: cursor,
      rows: sectionRows,
    };
  });
  const stageBox = boxOf(map.stage.outline);
  return {
    width: map.width,
    height: map.height,
    stagePath: pathOf(map.stage.outline),
    stageLabel: map.stage.label,
    stageCentre: { x: stageBox.x + stageBox.w / 2, y: stageBox.y + stageBox.h / 2 },
    seatRadius: Number.isFinite(pitch) ? pitch * 0.4 : 4,
    sections,
    seats,
    rows,
  };
}

export const intersects = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** The seat a keyboard arrow leads to: along the row, or the nearest seat of the next row. */
export function neighbourSeat(layout: Layout, index: number, key: string): number | null {
  const seat = layout.seats[index];
  if (!seat) return null;
  const section = layout.sections[seat.section]!;
  if (key === 'ArrowLeft' || key === 'ArrowRight') {
    const next = index + (key === 'ArrowRight' ? 1 : -1);
    return next >= section.start && next < section.end ? next : null;
  }
  if (key === 'Home' || key === 'End') {
    const row = layout.rows[seat.row]!;
    return key === 'Home' ? row.start : row.end - 1;
  }
  if (key !== 'ArrowUp' && key !== 'ArrowDown') return null;
  const rowIndex = seat.row + (key === 'ArrowDown' ? 1 : -1);
  const row = layout.rows[rowIndex];
  if (!row || row.start < section.start || row.end > section.end) return null;
  let best = row.start;
  for (let i = row.start; i < row.end; i++) {
    const s = layout.seats[i]!;
    const b = layout.seats[best]!;
    if (Math.hypot(s.x - seat.x, s.y - seat.y) < Math.hypot(b.x - seat.x, b.y - seat.y)) best = i;
  }
  return best;
}
