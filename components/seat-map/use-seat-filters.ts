'use client';

import { flagBit } from '@/lib/venues/seat-flags';
import { sessionStore } from './session-store';

// The event page's accessibility and view filters, shared by the map and the seat list and kept
// in this tab's session storage per event (session-store.ts, like the selection), so they
// survive a reload and the trip to sign in. The page's HTML stays the same for every fan.

export type SeatFilters = { wheelchair: boolean; aisle: boolean; hideRestricted: boolean };
export const noFilters: SeatFilters = { wheelchair: false, aisle: false, hideRestricted: false };

function parse(raw: string | null): SeatFilters {
  if (!raw) return noFilters;
  try {
    const v = JSON.parse(raw) as Partial<Record<keyof SeatFilters, unknown>>;
    return { wheelchair: v.wheelchair === true, aisle: v.aisle === true, hideRestricted: v.hideRestricted === true };
  } catch {
    return noFilters;
  }
}

export const useSeatFilters = sessionStore<SeatFilters>('tb-seat-filters', {
  parse,
  serialize: (f) => (filtering(f) ? JSON.stringify(f) : null),
  empty: noFilters,
});

export const filtering = (f: SeatFilters) => f.wheelchair || f.aisle || f.hideRestricted;

/**
 * Whether a seat with these flag bits is one the fan asked to see. "Wheelchair spaces" shows
 * wheelchair spaces and their companion seats, "Aisle seats" aisle seats (either, when both are
 * ticked), and "Hide restricted view" drops restricted-view seats from whatever is shown.
 */
export function matchesFilters(bits: number, f: SeatFilters): boolean {
  if (f.hideRestricted && (bits & flagBit.restricted) !== 0) return false;
  if (!f.wheelchair && !f.aisle) return true;
  return (f.wheelchair && (bits & (flagBit.wheelchair | flagBit.companion)) !== 0) || (f.aisle && (bits & flagBit.aisle) !== 0);
}
