'use client';

import { sessionStore } from './session-store';

// The one selection of an event page: the map and the seat list read and write the same seats
// (by index in the event's seat order), kept per event in this tab's session storage
// (session-store.ts), so it survives the trip to sign in or sign up and back, and a reload.

const maxStored = 50;
const empty: number[] = [];

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

/** The page's selection and its setter; empty on the server and in the first render. */
export const useSelection = sessionStore<number[]>('tb-selection', {
  parse,
  serialize: (seats) => (seats.length === 0 ? null : JSON.stringify(seats.slice(0, maxStored))),
  empty,
});
