import type { SeatChange, SeatDiff } from './types';

/**
 * A change as sent: with the seat's index in the event's fixed seat order, so a map can apply it
 * without holding every ticket id (which would make its static download three times larger).
 */
export type WireSeatChange = SeatChange & { seat: number };

/**
 * One Pusher message. A diff too large for one message is split into `parts` messages that all
 * carry the diff's version; a client advances to that version only after all parts arrived, so a
 * lost part is noticed as a gap just like a lost diff.
 */
export type SeatDiffMessage = { version: number; part: number; parts: number; changes: WireSeatChange[] };

// Pusher rejects a message whose data is over 10 KB; leave room for the envelope numbers.
export const pusherMessageLimit = 10_240;

export function batchSeatDiff(
  diff: Omit<SeatDiff, 'changes'> & { changes: WireSeatChange[] },
  maxBytes = pusherMessageLimit,
): SeatDiffMessage[] {
  // Envelope with the widest part numbers this diff could need, so a chunk that fits here fits
  // with its real numbers too.
  const envelope = byteLength({ version: diff.version, part: diff.changes.length, parts: diff.changes.length, changes: [] });
  const chunks: WireSeatChange[][] = [];
  let current: WireSeatChange[] = [];
  let size = envelope;
  for (const change of diff.changes) {
    const cost = byteLength(change) + (current.length > 0 ? 1 : 0); // the comma
    if (current.length > 0 && size + cost > maxBytes) {
      chunks.push(current);
      current = [];
      size = envelope;
    }
    current.push(change);
    size += byteLength(change) + (current.length > 1 ? 1 : 0);
  }
  if (current.length > 0 || chunks.length === 0) chunks.push(current);
  return chunks.map((changes, i) => ({ version: diff.version, part: i + 1, parts: chunks.length, changes }));
}

const byteLength = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;
