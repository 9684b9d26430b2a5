import 'server-only';
import type { SeatDiff } from './types';

// Called after commit by every booking operation that changes seats. Never throws: a lost
// message is noticed by clients as a version gap, and they refetch.
export async function publishSeatDiff(diff: SeatDiff): Promise<void> {
  void diff;
}
