import { formatMoney } from '@/lib/money';

// One character per seat combines the live status with the fan's own view of it, so a section
// re-renders only when its string changes.
export type SeatState = 'a' | 'f' | 's' | 'm' | 'h' | 'x';
// a available · f available but outside the price filter · s selected · m held by you
// h held by another fan · x sold

export const stateText: Record<SeatState, string> = {
  a: 'available',
  f: 'available, outside your price filter',
  s: 'available, selected',
  m: 'held by you',
  h: 'held',
  x: 'sold',
};

export const selectable = (state: string) => state === 'a' || state === 's';

export function seatLabel(sectionName: string, row: string, number: number, price: number, currency: string, state: SeatState): string {
  return `${sectionName}, row ${row}, seat ${number}, ${formatMoney(price, currency)}, ${stateText[state]}`;
}
