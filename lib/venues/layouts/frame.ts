import type { Point, SeatMap } from '../seat-map';

const margin = 40;
// A tenth of a unit is far below a drawn seat's size and keeps the stored JSON small.
const round = (v: number) => Math.round(v * 10) / 10;

// Layouts draw around whatever origin suits their geometry; this moves the drawing so its
// bounding box starts at `margin`, sets width/height to fit, and rounds every coordinate.
export function frame(map: Omit<SeatMap, 'width' | 'height'>): SeatMap {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const grow = ([x, y]: Point) => {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  };
  map.stage.outline.forEach(grow);
  for (const section of map.sections) section.outline.forEach(grow);

  const dx = margin - minX;
  const dy = margin - minY;
  const move = ([x, y]: Point): Point => [round(x + dx), round(y + dy)];
  return {
    width: Math.ceil(maxX - minX + 2 * margin),
    height: Math.ceil(maxY - minY + 2 * margin),
    stage: { label: map.stage.label, outline: map.stage.outline.map(move) },
    focal: { x: round(map.focal.x + dx), y: round(map.focal.y + dy) },
    tiers: map.tiers,
    sections: map.sections.map((section) => ({
      ...section,
      outline: section.outline.map(move),
      rows: section.rows.map((row) => ({
        label: row.label,
        seats: row.seats.map((s) => ({ number: s.number, x: round(s.x + dx), y: round(s.y + dy) })),
      })),
    })),
  };
}
