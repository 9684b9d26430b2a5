import type { Point } from '../seat-map';

// A rounded rectangle ("racetrack") and its parallel offsets: the shape every seating bowl and
// curved theatre row follows. Corner centres sit at (cx ± hx, cy ± hy); a row at radius r is the
// curve at distance r from that core. Positions along it use a parameter u in [0, 8) that names
// the same normal line at every radius, so a section bounded by u-values has radial aisles that
// line up row after row:
//   0 top straight (left to right)     1 top-right corner
//   2 right straight (top to bottom)    3 bottom-right corner
//   4 bottom straight (right to left)  5 bottom-left corner
//   6 left straight (bottom to top)    7 top-left corner
export type Track = { cx: number; cy: number; hx: number; hy: number };

const quarter = Math.PI / 2;

function segmentLength(track: Track, segment: number, r: number): number {
  if (segment % 2 === 1) return r * quarter;
  return segment % 4 === 0 ? 2 * track.hx : 2 * track.hy;
}

export function trackPoint(track: Track, u: number, r: number): Point {
  const { cx, cy, hx, hy } = track;
  const segment = Math.min(7, Math.floor(u));
  const t = u - segment;
  const corner = (ox: number, oy: number, start: number): Point => {
    const a = start + t * quarter;
    return [ox + r * Math.cos(a), oy + r * Math.sin(a)];
  };
  switch (segment) {
    case 0:
      return [cx - hx + 2 * hx * t, cy - hy - r];
    case 1:
      return corner(cx + hx, cy - hy, -quarter);
    case 2:
      return [cx + hx + r, cy - hy + 2 * hy * t];
    case 3:
      return corner(cx + hx, cy + hy, 0);
    case 4:
      return [cx + hx - 2 * hx * t, cy + hy + r];
    case 5:
      return corner(cx - hx, cy + hy, quarter);
    case 6:
      return [cx - hx - r, cy + hy - 2 * hy * t];
    default:
      return corner(cx - hx, cy - hy, Math.PI);
  }
}

// Distance along the curve at radius r from u0 to u1 (u0 <= u1).
export function trackLength(track: Track, u0: number, u1: number, r: number): number {
  let total = 0;
  for (let segment = Math.floor(u0); segment < u1; segment++) {
    const from = Math.max(u0, segment);
    const to = Math.min(u1, segment + 1);
    total += (to - from) * segmentLength(track, segment, r);
  }
  return total;
}

// The u reached after walking `distance` along the curve at radius r from u0.
export function trackAdvance(track: Track, u0: number, distance: number, r: number): number {
  let u = u0;
  let left = distance;
  while (left > 0 && u < 8) {
    const segment = Math.floor(u);
    const length = segmentLength(track, segment, r);
    const room = (segment + 1 - u) * length;
    if (length > 0 && left <= room) return u + left / length;
    left -= room;
    u = segment + 1;
  }
  return u;
}

// Points along the curve from u0 to u1, dense enough on corners that the polygon hugs the arc.
export function trackPolyline(track: Track, u0: number, u1: number, r: number): Point[] {
  const us = [u0];
  for (let segment = Math.floor(u0); segment < u1; segment++) {
    const steps = segment % 2 === 1 ? 24 : 1;
    for (let i = 1; i <= steps; i++) {
      const u = segment + i / steps;
      if (u > u0 && u < u1) us.push(u);
    }
  }
  us.push(u1);
  return us.map((u) => trackPoint(track, u, r));
}
