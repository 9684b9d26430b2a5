import type { Point, SeatMapRow, SeatMapSection } from '../seat-map';
import { trackAdvance, trackLength, trackPoint, trackPolyline, type Track } from './track';

// Venues skip I and O (they read as 1 and 0), then double up: ..., Y, Z, AA, BB, ...
const rowLetters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

export function rowLabel(index: number): string {
  const letter = rowLetters[index % rowLetters.length] ?? 'A';
  return letter.repeat(Math.floor(index / rowLetters.length) + 1);
}

export type SectionSpec = { id: string; name: string; tier: string };

// Concentric rows following a track: a seating bowl, or a theatre's curved rows.
export type Ring = {
  track: Track;
  firstRow: number; // radius of row A
  rows: number;
  rowPitch: number;
  seatPitch: number;
  aisle: number; // gap between neighbouring sections, measured at the middle row
};

export const lastRowRadius = (ring: Ring) => ring.firstRow + (ring.rows - 1) * ring.rowPitch;

export function ringSection(ring: Ring, spec: SectionSpec, from: number, to: number): SeatMapSection {
  const { track, firstRow, rowPitch, seatPitch, aisle } = ring;
  const middle = (firstRow + lastRowRadius(ring)) / 2;
  const u0 = trackAdvance(track, from, aisle / 2, middle);
  const u1 = trackAdvance(track, from, trackLength(track, from, to, middle) - aisle / 2, middle);
  const rows: SeatMapRow[] = [];
  for (let r = 0; r < ring.rows; r++) {
    const radius = firstRow + r * rowPitch;
    const length = trackLength(track, u0, u1, radius);
    const count = Math.floor(length / seatPitch);
    const seats = Array.from({ length: count }, (_, i) => {
      const [x, y] = trackPoint(track, trackAdvance(track, u0, ((i + 0.5) * length) / count, radius), radius);
      return { number: i + 1, x, y };
    });
    if (seats.length > 0) rows.push({ label: rowLabel(r), seats });
  }
  const inner = trackPolyline(track, u0, u1, firstRow - rowPitch / 2);
  const outer = trackPolyline(track, u0, u1, lastRowRadius(ring) + rowPitch / 2).reverse();
  return { ...spec, outline: [...inner, ...outer], rows };
}

// Splits [from, to] into section ranges that break at every straight/corner boundary, so sides get
// rectangular sections and corners get wedges, each about `width` wide at radius r.
export function splitRange(track: Track, from: number, to: number, r: number, width: number): [number, number][] {
  const ranges: [number, number][] = [];
  for (let segment = Math.floor(from); segment < to; segment++) {
    const a = Math.max(from, segment);
    const b = Math.min(to, segment + 1);
    const parts = Math.max(1, Math.round(trackLength(track, a, b, r) / width));
    for (let i = 0; i < parts; i++) ranges.push([a + ((b - a) * i) / parts, a + ((b - a) * (i + 1)) / parts]);
  }
  return ranges;
}

// The middle of a ring range, used to rank sections by how close they are to the stage.
export function rangeCentre(ring: Ring, [from, to]: [number, number]): Point {
  return trackPoint(ring.track, (from + to) / 2, (ring.firstRow + lastRowRadius(ring)) / 2);
}

// Assigns the pricier tier to the sections nearest the focal point: shares are fractions of the
// sections, in the order of `tiers`; the last tier takes the rest. Sections at the same distance
// (mirror images either side of the stage) always share a tier.
export function tiersByDistance(centres: Point[], focal: Point, tiers: { tier: string; share: number }[]): string[] {
  const order = centres
    .map((c, i) => ({ i, d: Math.round(Math.hypot(c[0] - focal[0], c[1] - focal[1])) }))
    .sort((a, b) => a.d - b.d || a.i - b.i);
  const result: string[] = [];
  let next = 0;
  tiers.forEach(({ tier, share }, t) => {
    const end = t === tiers.length - 1 ? order.length : next + Math.round(share * order.length);
    for (; next < order.length && (next < end || order[next]?.d === order[next - 1]?.d); next++) {
      result[order[next]!.i] = tier;
    }
  });
  return result;
}

// Straight rows in a rectangle, row A at the top (nearest a stage above it).
export type Grid = { x: number; y: number; width: number; rows: number; rowPitch: number; seatPitch: number };

export function gridSection(grid: Grid, spec: SectionSpec): SeatMapSection {
  const { x, y, width, rowPitch, seatPitch } = grid;
  const count = Math.floor(width / seatPitch);
  const inset = (width - count * seatPitch) / 2;
  const rows = Array.from({ length: grid.rows }, (_, r) => ({
    label: rowLabel(r),
    seats: Array.from({ length: count }, (_, i) => ({
      number: i + 1,
      x: x + inset + (i + 0.5) * seatPitch,
      y: y + (r + 0.5) * rowPitch,
    })),
  }));
  return { ...spec, outline: rectangle(x, y, x + width, y + grid.rows * rowPitch), rows };
}

export function rectangle(left: number, top: number, right: number, bottom: number): Point[] {
  return [
    [left, top],
    [right, top],
    [right, bottom],
    [left, bottom],
  ];
}
