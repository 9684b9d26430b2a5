'use client';

import { Fragment, memo } from 'react';
import type { RowGeom, SeatGeom, SectionGeom } from './geometry';
import styles from './seat-map.module.css';
import { flagBit } from '@/lib/venues/seat-flags';
import { seatLabel, type SeatState } from './seat-state';

type Props = {
  section: SectionGeom;
  seats: SeatGeom[];
  prices: number[];
  colourOf: (price: number) => string;
  currency: string;
  radius: number;
  /** One SeatState character per seat of this section. */
  states: string;
  /** The seat that holds this section's single tab stop (roving tabindex). */
  tabSeat: number;
};

/**
 * The seats of one section. Memoised on a string of states so a diff elsewhere in a 40,000-seat
 * stadium re-renders nothing here. Shape and size repeat what colour says: selected seats have a
 * thick dark ring and are bigger, your held seats are squares, held seats are hollow rings, sold seats small dots.
 */
export const SectionSeats = memo(function SectionSeats({ section, seats, prices, colourOf, currency, radius, states, tabSeat }: Props) {
  return (
    <g role="group" aria-label={section.name}>
      {section.rows.map((row) => (
        <g key={row.label}>
          <RowLabel seats={seats} row={row} radius={radius} />
          {Array.from({ length: row.end - row.start }, (_, k) => {
            const i = row.start + k;
            const seat = seats[i]!;
            const price = prices[i] ?? 0;
            const state = (states[i - section.start] ?? 'x') as SeatState;
            const common = {
              'data-seat': i,
              role: 'checkbox',
              'aria-checked': state === 's',
              'aria-disabled': state !== 'a' && state !== 's' ? true : undefined,
              'aria-label': seatLabel(section.name, row.label, seat.number, price, currency, state, seat.flags),
              tabIndex: i === tabSeat ? 0 : -1,
              className: `${styles.seat} ${styles[state]}`,
            } as const;
            // Flags are drawn over seats a fan could still pick or has: a symbol, not a colour.
            const marks =
              seat.flags && state !== 'h' && state !== 'x' ? <SeatMarks x={seat.x} y={seat.y} r={radius} flags={seat.flags} /> : null;
            if (state === 'm') {
              const d = radius * 0.9;
              return (
                <Fragment key={i}>
                  <rect {...common} x={seat.x - d} y={seat.y - d} width={2 * d} height={2 * d} fill={colourOf(price)} />
                  {marks}
                </Fragment>
              );
            }
            if (state === 's') {
              // Bigger than a free seat, in its price colour inside a thick dark ring: even a few
              // pixels wide it cannot pass for a sold seat (a small grey dot). One element, like
              // the free seat it was, so the keyboard focus stays on it when it is picked.
              return (
                <Fragment key={i}>
                  <circle
                    {...common}
                    cx={seat.x}
                    cy={seat.y}
                    r={radius * 1.15}
                    fill={colourOf(price)}
                    stroke="#111"
                    strokeWidth={radius * 0.55}
                  />
                  {marks}
                </Fragment>
              );
            }
            const r = state === 'x' ? radius * 0.45 : state === 'h' ? radius * 0.75 : radius;
            const fill = state === 'a' || state === 'f' ? colourOf(price) : state === 'h' ? '#fff' : '#8b8c9c';
            return (
              <Fragment key={i}>
                <circle {...common} cx={seat.x} cy={seat.y} r={r} fill={fill} />
                {marks}
              </Fragment>
            );
          })}
        </g>
      ))}
    </g>
  );
});

/**
 * A seat's flags as white symbols over it (the legend shows each): a wheelchair for a wheelchair
 * space, an inner ring for a companion seat, an upright bar for an aisle seat and a slash for
 * restricted view. Not in the accessibility tree (the seat's own label says the same) and not a
 * target for the pointer (a click goes through to the seat).
 */
export function SeatMarks({ x, y, r, flags }: { x: number; y: number; r: number; flags: number }) {
  const w = r * 0.2;
  return (
    <g className={styles.marks} transform={`translate(${x} ${y})`} aria-hidden="true" strokeWidth={w}>
      {flags & flagBit.wheelchair ? (
        <>
          <circle cx={r * 0.05} cy={-r * 0.62} r={r * 0.16} className={styles.markFill} />
          <path d={wheelchairPath(r)} />
        </>
      ) : null}
      {flags & flagBit.companion ? <circle r={r * 0.45} /> : null}
      {flags & flagBit.aisle ? <line x1={0} y1={-r * 0.55} x2={0} y2={r * 0.55} /> : null}
      {flags & flagBit.restricted ? <line x1={-r * 0.6} y1={r * 0.6} x2={r * 0.6} y2={-r * 0.6} /> : null}
    </g>
  );
}

// The International Symbol of Access reduced to a few strokes: back and seat, then the wheel.
function wheelchairPath(r: number): string {
  const p = (x: number, y: number) => `${(x * r).toFixed(2)} ${(y * r).toFixed(2)}`;
  return `M${p(0.02, -0.4)}L${p(0.02, 0.05)}L${p(0.45, 0.05)}L${p(0.55, 0.45)}M${p(-0.2, -0.15)}A${p(0.42, 0.42)} 0 1 0 ${p(0.3, 0.32)}`;
}

/** The row's letter just before its first seat, along the row, so a zoomed-in fan can read it. */
function RowLabel({ seats, row, radius }: { seats: SeatGeom[]; row: RowGeom; radius: number }) {
  const first = seats[row.start];
  if (!first) return null;
  const next = seats[row.start + 1];
  const dx = next ? first.x - next.x : -1;
  const dy = next ? first.y - next.y : 0;
  const length = Math.hypot(dx, dy) || 1;
  return (
    <text
      x={first.x + (dx / length) * radius * 2.4}
      y={first.y + (dy / length) * radius * 2.4}
      fontSize={radius * 1.4}
      className={styles.rowLabel}
      aria-hidden="true"
    >
      {row.label}
    </text>
  );
}
