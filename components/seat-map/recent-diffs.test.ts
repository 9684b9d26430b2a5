import { describe, expect, it } from 'vitest';
import type { SeatDiffMessage } from '@/lib/realtime/batch-seat-diff';
import { rememberDiff, withRecentDiffs } from './recent-diffs';

const diff = (version: number, seat: number, status: 'reserved' | 'available' | 'sold', part = 0, parts = 1): SeatDiffMessage => ({
  version,
  part,
  parts,
  changes: [{ id: `t${seat}`, status, seat }],
});
const snapshot = (version: number, statuses: number[]) => ({ version, statuses: Uint8Array.from(statuses), pending: null });

describe('withRecentDiffs', () => {
  it('brings an older snapshot up to the diffs that arrived before it, and leaves a newer one alone', () => {
    const event = 'e1';
    rememberDiff(event, diff(4, 1, 'reserved'));
    rememberDiff(event, diff(3, 0, 'reserved'));
    rememberDiff(event, diff(5, 0, 'available'));
    // An edge's copy from before version 3: all three diffs apply, in version order.
    const old = withRecentDiffs(event, snapshot(2, [0, 0, 0]));
    expect(old.version).toBe(5);
    expect([...old.statuses]).toEqual([0, 1, 0]);
    // A snapshot that already has them is left as it is.
    expect(withRecentDiffs(event, snapshot(5, [2, 2, 2]))).toEqual(snapshot(5, [2, 2, 2]));
  });

  it('stops at a gap: the next diff then finds it and refetches', () => {
    const event = 'e2';
    rememberDiff(event, diff(8, 0, 'sold'));
    rememberDiff(event, diff(10, 1, 'sold'));
    const state = withRecentDiffs(event, snapshot(7, [0, 0]));
    expect(state.version).toBe(8);
    expect([...state.statuses]).toEqual([2, 0]);
  });

  it('waits for every part of a split diff before moving the version', () => {
    const event = 'e3';
    rememberDiff(event, diff(2, 0, 'reserved', 0, 2));
    const half = withRecentDiffs(event, snapshot(1, [0, 0]));
    expect(half.version).toBe(1);
    expect(half.pending).toEqual({ version: 2, parts: [0] });
    rememberDiff(event, diff(2, 1, 'reserved', 1, 2));
    expect(withRecentDiffs(event, snapshot(1, [0, 0]))).toMatchObject({ version: 2, pending: null });
  });
});
