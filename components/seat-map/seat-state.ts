import { formatMoney } from '@/lib/money';
import { flagText } from './seat-flags-text';

// One character per seat combines the live status with the fan's own view of it, so a section
// re-renders only when its string changes.
export type SeatState = 'a' | 'f' | 's' | 'm' | 'h' | 'x';
// a available · f available but outside the fan's filters (price, accessibility, view) · s selected · m held by you
// h held by another fan · x sold

export const stateText: Record<SeatState, string> = {
  a: 'available',
  f: 'available, outside your filters',
  s: 'available, selected',
  m: 'held by you',
  h: 'held',
  x: 'sold',
};

export const selectable = (state: string) => state === 'a' || state === 's';

/** The seat's accessible name; its flags (bits), when it has any, come before its state. */
export function seatLabel(
  sectionName: string,
  row: string,
  number: number,
  price: number,
  currency: string,
  state: SeatState,
  flags = 0,
): string {
  const marks = flags ? `${flagText(flags)}, ` : '';
  return `${sectionName}, row ${row}, seat ${number}, ${formatMoney(price, currency)}, ${marks}${stateText[state]}`;
}
