import type { SeatDiffMessage } from './batch-seat-diff';
import type { SeatStatus } from './types';

// Compact seat states in seat_index order; 'mine' and 'selected' are the browser's own overlays.
export const statusCode: Record<SeatStatus, number> = { available: 0, reserved: 1, sold: 2 };

export type LiveAvailability = {
  version: number;
  statuses: Uint8Array;
  /** Parts already applied of the next version, when a diff came in several messages. */
  pending: { version: number; parts: number[] } | null;
};

export type ApplyResult = { kind: 'applied'; state: LiveAvailability } | { kind: 'stale' } | { kind: 'gap' };

/**
 * Applies one message to the availability the browser holds. A message at or below the held
 * version is already in the snapshot (stale); one that skips a version means a message was lost,
 * and the caller refetches the snapshot (gap). Parts of the next version are applied as they
 * come (setting a seat's status is idempotent) and the version moves once all have arrived.
 */
export function applySeatDiff(state: LiveAvailability, message: SeatDiffMessage): ApplyResult {
  if (message.version <= state.version) return { kind: 'stale' };
  if (message.version > state.version + 1) return { kind: 'gap' };

  const statuses = state.statuses.slice();
  for (const change of message.changes) {
    // A seat this map does not have means our static seat list is out of date: refetch.
    if (!(change.seat >= 0 && change.seat < statuses.length)) return { kind: 'gap' };
    statuses[change.seat] = statusCode[change.status];
  }
  const seen = state.pending?.version === message.version ? state.pending.parts : [];
  const parts = seen.includes(message.part) ? seen : [...seen, message.part];
  const complete = parts.length >= message.parts;
  return {
    kind: 'applied',
    state: {
      version: complete ? message.version : state.version,
      statuses,
      pending: complete ? null : { version: message.version, parts },
    },
  };
}
