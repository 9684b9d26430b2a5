import { seatFlags, type SeatFlag, type SeatMap, type SeatMapRow, type SeatMapSeat } from '@/lib/venues/seat-map';

// The seat map on the wire: each row as a few runs of evenly spaced seats instead of one
// coordinate pair per seat, expanded again in the browser. A stadium's 40,000 seats sit in about
// 1,650 rows, and a row is a straight line, an arc, or a line, a corner arc and a line: one to
// three runs. Shared by the route that encodes and the seat map that decodes.
//
// A run is [first seat number, seat count, x, y, dx, dy, turn]: the first seat at (x, y), each
// next seat one step (dx, dy) further, and the step turning by `turn` radians after every seat
// (0 on a straight line; equal chords of a circle turn by a constant angle). A number that does
// not follow on, or a seat off the line of the ones before it (a gap, an aisle, a corner), starts
// a new run. Decoded positions are within `tolerance` of the stored ones: a seat is drawn about
// 10 units across, and the stored coordinates are rounded to 0.1.

export type SeatRun = [firstNumber: number, count: number, x: number, y: number, dx: number, dy: number, turn: number];
export type CompactRow = [label: string, ...runs: SeatRun[]];
export type CompactSection = Omit<SeatMap['sections'][number], 'rows'> & { rows: CompactRow[] };
// Seat flags (wheelchair, companion, aisle, restricted) travel beside the rows: per flag, the
// flagged seats' indexes in seat order as gaps from the previous one, and a negative -k for "and
// the next k seats too" ([3, -2, 18] is seats 3, 4, 5 and 23): small numbers for row ends, two
// for a whole block of restricted view. Absent when no seat has a flag.
export type CompactFlags = Partial<Record<SeatFlag, number[]>>;
export type CompactSeatMap = Omit<SeatMap, 'sections'> & { sections: CompactSection[]; flags?: CompactFlags };

export const tolerance = 0.2;

const round = (v: number, places: number) => {
  const f = 10 ** places;
  return Math.round(v * f) / f || 0;
};

/** Calls `emit` for each seat of a run, in order: the one expansion both sides use. */
function walk(run: SeatRun, emit: (number: number, x: number, y: number) => void): void {
  const [first, count, x0, y0, dx0, dy0, turn] = run;
  const cos = Math.cos(turn);
  const sin = Math.sin(turn);
  let x = x0;
  let y = y0;
  let dx = dx0;
  let dy = dy0;
  for (let k = 0; k < count; k++) {
    emit(first + k, x, y);
    x += dx;
    y += dy;
    [dx, dy] = [dx * cos - dy * sin, dx * sin + dy * cos];
  }
}

/**
 * The run through seats[i..j] if one fits them all: the circle through the first, middle and last
 * seat gives the turn per seat and the chord; three seats in a line give a straight run. Rounded
 * as it will be sent, then checked seat by seat against the stored positions.
 */
function fit(seats: SeatMapSeat[], i: number, j: number): SeatRun | null {
  const a = seats[i]!;
  const b = seats[j]!;
  const k = j - i;
  if (k === 0) return [a.number, 1, a.x, a.y, 0, 0, 0];
  let turn = 0;
  let chord = Math.hypot(b.x - a.x, b.y - a.y) / k;
  if (k >= 2) {
    const m = seats[i + Math.floor(k / 2)]!;
    const circle = circumcircle(a, m, b);
    if (circle) {
      const sweep = sweepThrough(circle, a, m, b);
      turn = sweep / k;
      chord = 2 * circle.r * Math.abs(Math.sin(turn / 2));
    }
  }
  const heading = Math.atan2(b.y - a.y, b.x - a.x) - ((k - 1) * turn) / 2;
  const run: SeatRun = [
    a.number,
    k + 1,
    a.x,
    a.y,
    round(chord * Math.cos(heading), 3),
    round(chord * Math.sin(heading), 3),
    round(turn, 6),
  ];
  let ok = true;
  walk(run, (number, x, y) => {
    const seat = seats[i + number - a.number]!;
    if (seat.number !== number || Math.hypot(seat.x - x, seat.y - y) > tolerance) ok = false;
  });
  return ok ? run : null;
}

type Circle = { x: number; y: number; r: number };

function circumcircle(a: SeatMapSeat, m: SeatMapSeat, b: SeatMapSeat): Circle | null {
  const d = 2 * (a.x * (m.y - b.y) + m.x * (b.y - a.y) + b.x * (a.y - m.y));
  // Collinear (or nearly): the circle would be far larger than any venue, so the run is straight.
  if (Math.abs(d) < 1e-9) return null;
  const a2 = a.x * a.x + a.y * a.y;
  const m2 = m.x * m.x + m.y * m.y;
  const b2 = b.x * b.x + b.y * b.y;
  const x = (a2 * (m.y - b.y) + m2 * (b.y - a.y) + b2 * (a.y - m.y)) / d;
  const y = (a2 * (b.x - m.x) + m2 * (a.x - b.x) + b2 * (m.x - a.x)) / d;
  const r = Math.hypot(a.x - x, a.y - y);
  return r > 1e6 ? null : { x, y, r };
}

/** The signed angle swept from a to b round the circle, passing through m. */
function sweepThrough(c: Circle, a: SeatMapSeat, m: SeatMapSeat, b: SeatMapSeat): number {
  const angle = (p: SeatMapSeat) => Math.atan2(p.y - c.y, p.x - c.x);
  const norm = (v: number) => (((v % (2 * Math.PI)) + 3 * Math.PI) % (2 * Math.PI)) - Math.PI;
  const toM = norm(angle(m) - angle(a));
  const toB = norm(angle(b) - angle(a));
  // The short way from a to b passes m when m lies between them on the same side.
  if (Math.sign(toM) === Math.sign(toB) && Math.abs(toM) < Math.abs(toB)) return toB;
  return toB > 0 ? toB - 2 * Math.PI : toB + 2 * Math.PI;
}

/** The fewest runs, greedily: each run takes as many of the next seats as fit it. */
export function encodeRow(row: SeatMapRow): CompactRow {
  const runs: SeatRun[] = [];
  const { seats } = row;
  let i = 0;
  while (i < seats.length) {
    let best = fit(seats, i, i)!;
    for (let j = i + 1; j < seats.length; j++) {
      if (seats[j]!.number !== seats[j - 1]!.number + 1) break;
      const run = fit(seats, i, j);
      if (!run) break;
      best = run;
    }
    runs.push(best);
    i += best[1];
  }
  return [row.label, ...runs];
}

function encodeFlags(map: SeatMap): CompactFlags | undefined {
  const out: CompactFlags = {};
  const last: Partial<Record<SeatFlag, number>> = {};
  let index = 0;
  for (const section of map.sections) {
    for (const row of section.rows) {
      for (const seat of row.seats) {
        for (const flag of seat.flags ?? []) {
          const list = (out[flag] ??= []);
          const previous = last[flag];
          const tail = list.at(-1)!;
          if (previous === index - 1 && tail < 0) list[list.length - 1] = tail - 1;
          else if (previous === index - 1 && list.length > 0) list.push(-1);
          else list.push(index - (previous ?? 0));
          last[flag] = index;
        }
        index++;
      }
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export function encodeSeatMap(map: SeatMap): CompactSeatMap {
  const flags = encodeFlags(map);
  return { ...map, sections: map.sections.map((s) => ({ ...s, rows: s.rows.map(encodeRow) })), ...(flags ? { flags } : {}) };
}

/** Seat index -> its flags, in the order of seatFlags. */
function decodeFlags(flags: CompactFlags | undefined): Map<number, SeatFlag[]> {
  const bySeat = new Map<number, SeatFlag[]>();
  for (const flag of seatFlags) {
    let index = 0;
    const mark = (i: number) => {
      const list = bySeat.get(i);
      if (list) list.push(flag);
      else bySeat.set(i, [flag]);
    };
    for (const step of flags?.[flag] ?? []) {
      if (step < 0) for (let k = 0; k < -step; k++) mark(++index);
      else mark((index += step));
    }
  }
  return bySeat;
}

export function decodeSeatMap(compact: CompactSeatMap): SeatMap {
  const { flags, ...map } = compact;
  const flagsOf = decodeFlags(flags);
  let index = 0;
  return {
    ...map,
    sections: map.sections.map((s) => ({
      ...s,
      rows: s.rows.map(([label, ...runs]) => {
        const seats: SeatMapSeat[] = [];
        for (const run of runs)
          walk(run, (number, x, y) => {
            const seatFlags = flagsOf.get(index++);
            seats.push(seatFlags ? { number, x, y, flags: seatFlags } : { number, x, y });
          });
        return { label, seats };
      }),
    })),
  };
}
