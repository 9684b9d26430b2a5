'use client';

import { useCallback, useSyncExternalStore } from 'react';

// The one selection of an event page: the map and the seat list read and write the same seats
// (by index in the event's seat order). It lives in this tab's session storage, so it survives
// the trip to sign in or sign up and back, and a reload; the page's HTML stays the same for
// every fan (DESIGN, invariant 8).

const storageKey = (eventId: string) => `tb-selection:${eventId}`;
const maxStored = 50;
const listeners = new Set<() => void>();
const empty: number[] = [];
// useSyncExternalStore wants the same array back while nothing changed.
const snapshots = new Map<string, { raw: string | null; seats: number[] }>();

function parse(raw: string | null): number[] {
  if (!raw) return empty;
  try {
    const value: unknown = JSON.parse(raw);
    if (!Array.isArray(value)) return empty;
    const seats = value.filter((n): n is number => Number.isInteger(n) && n >= 0).slice(0, maxStored);
    return [...new Set(seats)];
  } catch {
    return empty;
  }
}

function read(eventId: string): number[] {
  let raw: string | null = null;
  try {
    raw = sessionStorage.getItem(storageKey(eventId));
  } catch {
    // Storage refused (private mode, quota): the selection is kept in memory only.
    return snapshots.get(eventId)?.seats ?? empty;
  }
  const known = snapshots.get(eventId);
  if (known && known.raw === raw) return known.seats;
  const seats = parse(raw);
  snapshots.set(eventId, { raw, seats });
  return seats;
}

export function writeSelection(eventId: string, seats: number[]): void {
  const raw = seats.length === 0 ? null : JSON.stringify(seats.slice(0, maxStored));
  snapshots.set(eventId, { raw, seats: seats.length === 0 ? empty : seats.slice(0, maxStored) });
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

/** The page's selection and its setter; empty on the server and in the first render. */
export function useSelection(eventId: string): [number[], (seats: number[]) => void] {
  const seats = useSyncExternalStore(
    subscribe,
    () => read(eventId),
    () => empty,
  );
  const set = useCallback((next: number[]) => writeSelection(eventId, next), [eventId]);
  return [seats, set];
}
