import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@/db/seed/random';
import { seatMapProblems } from '@/lib/catalogue/check-seat-map';
import { generateSeatMap } from './generate-seat-map';
import { viewAngle } from './seat-flags';
import type { SeatFlag, SeatMap, VenueKind } from './seat-map';

const kinds: VenueKind[] = ['theatre', 'arena', 'stadium'];
const flagsOf = (map: SeatMap) => map.sections.flatMap((s) => s.rows.map((r) => r.seats.map((seat) => seat.flags ?? [])));
const share = (map: SeatMap, flag: SeatFlag) => {
  const all = flagsOf(map).flat();
  return all.filter((f) => f.includes(flag)).length / all.length;
};

describe.each(kinds)('seat flags of a generated %s', (kind) => {
  const maps = [1, 42, 2024].map((seed) => generateSeatMap(kind, mulberry32(seed)));

  it('puts every companion seat beside a wheelchair space in its row, and the map passes the importer’s check', () => {
    for (const map of maps) {
      expect(seatMapProblems(map)).toEqual([]);
      for (const row of flagsOf(map)) {
        row.forEach((flags, i) => {
          if (!flags.includes('companion')) return;
          expect([row[i - 1], row[i + 1]].some((f) => f?.includes('wheelchair'))).toBe(true);
          expect(flags).not.toContain('wheelchair');
        });
      }
    }
  });

  it('has wheelchair spaces for about 0.5-2% of the seats, as many companion seats, and the row ends as aisle seats', () => {
    for (const map of maps) {
      expect(share(map, 'wheelchair')).toBeGreaterThan(0.005);
      expect(share(map, 'wheelchair')).toBeLessThan(0.02);
      expect(share(map, 'companion')).toBe(share(map, 'wheelchair'));
      for (const row of flagsOf(map)) {
        for (const end of [row[0]!, row.at(-1)!]) expect(end.some((f) => f === 'aisle' || f === 'wheelchair')).toBe(true);
        // Aisle seats are only at the ends.
        expect(row.slice(1, -1).some((f) => f.includes('aisle'))).toBe(false);
      }
    }
  });

  it('marks some seats, the ones furthest round the side, as restricted view', () => {
    for (const map of maps) {
      const restricted = share(map, 'restricted');
      expect(restricted).toBeGreaterThan(0.01);
      expect(restricted).toBeLessThan(0.15);
      let widestClear = 0;
      let narrowestRestricted = Infinity;
      for (const section of map.sections)
        for (const row of section.rows)
          for (const seat of row.seats) {
            const angle = viewAngle(map, seat);
            if (seat.flags?.includes('restricted')) narrowestRestricted = Math.min(narrowestRestricted, angle);
            else widestClear = Math.max(widestClear, angle);
          }
      expect(narrowestRestricted).toBeGreaterThan(widestClear);
    }
  });

  it('leaves the geometry and seat order as they were', () => {
    const plain = maps[0]!.sections.map((s) => s.rows.map((r) => r.seats.map(({ number, x, y }) => [number, x, y])));
    const again = generateSeatMap(kind, mulberry32(1));
    expect(again).toEqual(maps[0]);
    expect(again.sections.map((s) => s.rows.map((r) => r.seats.map(({ number, x, y }) => [number, x, y])))).toEqual(plain);
  });
});

describe('seatMapProblems and flags', () => {
  it('refuses a companion seat with no wheelchair space beside it', () => {
    const map = generateSeatMap('theatre', mulberry32(1));
    const row = map.sections[0]!.rows[3]!;
    row.seats[5] = { ...row.seats[5]!, flags: ['companion'] };
    expect(seatMapProblems(map).join('\n')).toMatch(/companion seat with no wheelchair space beside it/);
  });
});
