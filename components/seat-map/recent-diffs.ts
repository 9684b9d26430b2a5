import { applySeatDiff, type LiveAvailability } from '@/lib/realtime/apply-seat-diff';
import type { SeatDiffMessage } from '@/lib/realtime/batch-seat-diff';

// The last seat diffs this page received, per event. A snapshot of the statuses can be older
// than a diff that came before it: an edge may serve it for up to half a second, and a diff sent
// between the snapshot's read and the page's subscription reaches the page first. Each new
// snapshot is brought up to date with the diffs kept here, so neither is lost.
const kept = 200;
const recent = new Map<string, SeatDiffMessage[]>();

export function rememberDiff(eventId: string, message: SeatDiffMessage): void {
  const list = recent.get(eventId) ?? [];
  list.push(message);
  if (list.length > kept) list.splice(0, list.length - kept);
  recent.set(eventId, list);
}

/** The snapshot with every remembered diff newer than it applied, in version order. */
export function withRecentDiffs(eventId: string, snapshot: LiveAvailability): LiveAvailability {
  const list = recent.get(eventId);
  if (!list?.length) return snapshot;
  let state = snapshot;
  const ordered = [...list].sort((a, b) => a.version - b.version || a.part - b.part);
  for (const message of ordered) {
    const result = applySeatDiff(state, message);
    // A gap means a diff in between never came: the caller's next diff finds the same gap and refetches.
    if (result.kind === 'gap') break;
    if (result.kind === 'applied') state = result.state;
  }
  return state;
}
