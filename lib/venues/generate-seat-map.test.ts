import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@/db/seed/random';
import { generateSeatMap } from './generate-seat-map';
import { seatCount, type SeatMap, type VenueKind } from './seat-map';

const targets: Record<VenueKind, number> = { theatre: 1_500, arena: 12_000, stadium: 40_000 };
const kinds = Object.keys(targets) as VenueKind[];
const seeds = [1, 2, 3, 42, 2024];

function boundingBox(outline: SeatMap['sections'][number]['outline']) {
  const xs = outline.map((p) => p[0]);
  const ys = outline.map((p) => p[1]);
  return { minX: Math.min(...xs), maxX: Math.max(...xs), minY: Math.min(...ys), maxY: Math.max(...ys) };
}

// Ray casting: the outline is what the map draws, so a seat must sit inside the polygon itself.
function insidePolygon(x: number, y: number, outline: SeatMap['sections'][number]['outline']): boolean {
  let inside = false;
  for (let i = 0, j = outline.length - 1; i < outline.length; j = i++) {
    const [xi, yi] = outline[i]!;
    const [xj, yj] = outline[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

describe.each(kinds)('generateSeatMap(%s)', (kind) => {
  const maps = seeds.map((seed) => generateSeatMap(kind, mulberry32(seed)));

  it('seats within 15% of the target for every seed', () => {
    for (const map of maps) {
      expect(seatCount(map)).toBeGreaterThanOrEqual(targets[kind] * 0.85);
      expect(seatCount(map)).toBeLessThanOrEqual(targets[kind] * 1.15);
    }
  });

  it('names every seat once by (section, row, number), numbered from 1 in order', () => {
    for (const map of maps) {
      const names = new Set<string>();
      for (const section of map.sections) {
        for (const row of section.rows) {
          expect(row.seats.map((s) => s.number)).toEqual(row.seats.map((_, i) => i + 1));
          for (const seat of row.seats) names.add(`${section.id}/${row.label}/${seat.number}`);
        }
      }
      expect(names.size).toBe(seatCount(map));
      expect(new Set(map.sections.map((s) => s.id)).size).toBe(map.sections.length);
    }
  });

  it('labels rows A, B, C... skipping I and O', () => {
    for (const map of maps) {
      for (const section of map.sections) {
        const labels = section.rows.map((r) => r.label);
        expect(labels.slice(0, 3)).toEqual(['A', 'B', 'C'].slice(0, labels.length));
        expect(labels.some((l) => /[IO]/.test(l))).toBe(false);
      }
    }
  });

  it('puts every seat inside its section outline and the drawing area', () => {
    for (const map of maps) {
      for (const section of map.sections) {
        const box = boundingBox(section.outline);
        expect(box.minX).toBeGreaterThanOrEqual(0);
        expect(box.minY).toBeGreaterThanOrEqual(0);
        expect(box.maxX).toBeLessThanOrEqual(map.width);
        expect(box.maxY).toBeLessThanOrEqual(map.height);
        const inBox = (x: number, y: number) => x > box.minX && x < box.maxX && y > box.minY && y < box.maxY;
        // One assertion per section: an expect per seat takes seconds on a stadium.
        const outside = section.rows.flatMap((r) =>
          r.seats.filter((s) => !(inBox(s.x, s.y) && insidePolygon(s.x, s.y, section.outline))).map((s) => `${r.label}${s.number}`),
        );
        expect(outside, `section ${section.id}`).toEqual([]);
      }
    }
  });

  it('prices nearer sections higher: every section tier is declared and ordered from the front', () => {
    for (const map of maps) {
      const rank = new Map(map.tiers.map((t, i) => [t.id, i]));
      const distance = (s: SeatMap['sections'][number]) => {
        const seats = s.rows.flatMap((r) => r.seats);
        const x = seats.reduce((n, p) => n + p.x, 0) / seats.length;
        const y = seats.reduce((n, p) => n + p.y, 0) / seats.length;
        return Math.hypot(x - map.focal.x, y - map.focal.y);
      };
      for (const section of map.sections) expect(rank.has(section.tier)).toBe(true);
      const dearest = map.sections.filter((s) => rank.get(s.tier) === 0);
      const cheapest = map.sections.filter((s) => rank.get(s.tier) === map.tiers.length - 1);
      const mean = (list: typeof dearest) => list.reduce((n, s) => n + distance(s), 0) / list.length;
      expect(mean(dearest)).toBeLessThan(mean(cheapest));
    }
  });

  it('is deterministic for the same seed and varies between seeds', () => {
    expect(generateSeatMap(kind, mulberry32(7))).toEqual(generateSeatMap(kind, mulberry32(7)));
    expect(seatCount(maps[0]!) === seatCount(maps[1]!) && maps[0]!.width === maps[1]!.width).toBe(false);
  });
});
