'use client';

import { useCallback, useSyncExternalStore } from 'react';

type Codec<T> = {
  /** The value a stored text stands for (`empty` when there is none or it makes no sense). */
  parse: (raw: string | null) => T;
  /** The text to store, or null to store nothing (the value is `empty`). */
  serialize: (value: T) => string | null;
  empty: T;
};

/**
 * One value per event kept in this tab's session storage and shared by every component that
 * asks (the map and the seat list), so it survives a reload and the trip to sign in; the page's
 * HTML stays the same for every fan (DESIGN, invariant 8). Where storage is refused (private
 * mode, quota) the value lives in memory for the page.
 */
export function sessionStore<T>(prefix: string, { parse, serialize, empty }: Codec<T>) {
  const key = (eventId: string) => `${prefix}:${eventId}`;
  const listeners = new Set<() => void>();
  // useSyncExternalStore wants the same value back while nothing changed.
  const snapshots = new Map<string, { raw: string | null; value: T }>();

  function read(eventId: string): T {
    let raw: string | null;
    try {
      raw = sessionStorage.getItem(key(eventId));
    } catch {
      return snapshots.get(eventId)?.value ?? empty;
    }
    const known = snapshots.get(eventId);
    if (known && known.raw === raw) return known.value;
    const value = parse(raw);
    snapshots.set(eventId, { raw, value });
    return value;
  }

  function write(eventId: string, value: T): void {
    const raw = serialize(value);
    snapshots.set(eventId, { raw, value: raw === null ? empty : parse(raw) });
    try {
      if (raw === null) sessionStorage.removeItem(key(eventId));
      else sessionStorage.setItem(key(eventId), raw);
    } catch {
      // Kept in memory (above) for this page.
    }
    listeners.forEach((l) => l());
  }

  function subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  /** The value and its setter; `empty` on the server and in the first render. */
  return function useSessionValue(eventId: string): [T, (next: T) => void] {
    const value = useSyncExternalStore(
      subscribe,
      () => read(eventId),
      () => empty,
    );
    const set = useCallback((next: T) => write(eventId, next), [eventId]);
    return [value, set];
  };
}
