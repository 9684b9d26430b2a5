'use client';

import { useCallback, useSyncExternalStore } from 'react';
import { flagBit } from '@/lib/venues/seat-flags';

// The event page's accessibility and view filters, shared by the map and the seat list and kept
// in this tab's session storage per event (like the selection, use-selection.ts), so they
// survive a reload and the trip to sign in. The page's HTML stays the same for every fan.

export type SeatFilters = { wheelchair: boolean; aisle: boolean; hideRestricted: boolean };
export const noFilters: SeatFilters = { wheelchair: false, aisle: false, hideRestricted: false };

const storageKey = (eventId: string) => `tb-seat-filters:${eventId}`;
const listeners = new Set<() => void>();
const snapshots = new Map<string, { raw: string | null; filters: SeatFilters }>();

function parse(raw: string | null): SeatFilters {
  if (!raw) return noFilters;
  try {
    const v = JSON.parse(raw) as Partial<Record<keyof SeatFilters, unknown>>;
    return { wheelchair: v.wheelchair === true, aisle: v.aisle === true, hideRestricted: v.hideRestricted === true };
  } catch {
    return noFilters;
  }
}

function read(eventId: string): SeatFilters {
  let raw: string | null;
  try {
    raw = sessionStorage.getItem(storageKey(eventId));
  } catch {
    return snapshots.get(eventId)?.filters ?? noFilters;
  }
  const known = snapshots.get(eventId);
  if (known && known.raw === raw) return known.filters;
  const filters = parse(raw);
  snapshots.set(eventId, { raw, filters });
  return filters;
}

function write(eventId: string, filters: SeatFilters): void {
  const raw = filters.wheelchair || filters.aisle || filters.hideRestricted ? JSON.stringify(filters) : null;
  snapshots.set(eventId, { raw, filters });
  try {
    if (raw === null) sessionStorage.removeItem(storageKey(eventId));
    else sessionStorage.setItem(storageKey(eventId), raw);
  } catch {
    // Kept in memory (above) for this page.
  }
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSeatFilters(eventId: string): [SeatFilters, (next: SeatFilters) => void] {
  const filters = useSyncExternalStore(
    subscribe,
    () => read(eventId),
    () => noFilters,
  );
  const set = useCallback((next: SeatFilters) => write(eventId, next), [eventId]);
  return [filters, set];
}

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
