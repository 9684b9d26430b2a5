import { describe, expect, it } from 'vitest';
import { applySeatDiff, type LiveAvailability } from './apply-seat-diff';

const start = (): LiveAvailability => ({ version: 5, statuses: new Uint8Array([0, 0, 0, 2]), pending: null });

describe('applySeatDiff', () => {
  it('applies the next version', () => {
    const r = applySeatDiff(start(), { version: 6, part: 1, parts: 1, changes: [{ id: 't1', status: 'reserved', seat: 1 }] });
    expect(r.kind).toBe('applied');
    if (r.kind !== 'applied') return;
    expect(r.state.version).toBe(6);
    expect([...r.state.statuses]).toEqual([0, 1, 0, 2]);
  });

  it('ignores a message the snapshot already includes, and does not mutate the state', () => {
    const s = start();
    expect(applySeatDiff(s, { version: 5, part: 1, parts: 1, changes: [{ id: 't0', status: 'sold', seat: 0 }] })).toEqual({
      kind: 'stale',
    });
    expect([...s.statuses]).toEqual([0, 0, 0, 2]);
  });

  it('reports a gap when a version was skipped', () => {
    expect(applySeatDiff(start(), { version: 7, part: 1, parts: 1, changes: [] })).toEqual({ kind: 'gap' });
  });

  it('moves the version only once every part of a split diff has arrived', () => {
    const first = applySeatDiff(start(), { version: 6, part: 1, parts: 2, changes: [{ id: 't0', status: 'reserved', seat: 0 }] });
    if (first.kind !== 'applied') throw new Error('expected applied');
    expect(first.state.version).toBe(5);
    expect([...first.state.statuses]).toEqual([1, 0, 0, 2]);
    const second = applySeatDiff(first.state, { version: 6, part: 2, parts: 2, changes: [{ id: 't2', status: 'reserved', seat: 2 }] });
    if (second.kind !== 'applied') throw new Error('expected applied');
    expect(second.state).toEqual({ version: 6, statuses: new Uint8Array([1, 0, 1, 2]), pending: null });
  });

  it('treats a lost part as a gap once the next version arrives', () => {
    const first = applySeatDiff(start(), { version: 6, part: 1, parts: 2, changes: [] });
    if (first.kind !== 'applied') throw new Error('expected applied');
    expect(applySeatDiff(first.state, { version: 7, part: 1, parts: 1, changes: [] })).toEqual({ kind: 'gap' });
  });

  it('refetches when a change names a seat the map does not have', () => {
    expect(applySeatDiff(start(), { version: 6, part: 1, parts: 1, changes: [{ id: 'nope', status: 'sold', seat: 4 }] })).toEqual({
      kind: 'gap',
    });
  });
});
