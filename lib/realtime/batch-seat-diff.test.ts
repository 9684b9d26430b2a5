import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { batchSeatDiff, pusherMessageLimit } from './batch-seat-diff';
import type { WireSeatChange } from './batch-seat-diff';

const changes = (n: number): WireSeatChange[] =>
  Array.from({ length: n }, (_, i) => ({ id: randomUUID(), status: 'reserved', seat: 39_000 + i }));
const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v));

describe('batchSeatDiff', () => {
  it('sends a small diff as one message', () => {
    const diff = { eventId: randomUUID(), version: 7, changes: changes(2) };
    expect(batchSeatDiff(diff)).toEqual([{ version: 7, part: 1, parts: 1, changes: diff.changes }]);
  });

  it('splits a large diff into parts under Pusher’s 10 KB, in order, losing nothing', () => {
    const diff = { eventId: randomUUID(), version: 42, changes: changes(1_000) };
    const messages = batchSeatDiff(diff);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(bytes(m)).toBeLessThanOrEqual(pusherMessageLimit);
    expect(messages.map((m) => m.part)).toEqual(messages.map((_, i) => i + 1));
    expect(new Set(messages.map((m) => m.parts))).toEqual(new Set([messages.length]));
    expect(new Set(messages.map((m) => m.version))).toEqual(new Set([42]));
    expect(messages.flatMap((m) => m.changes)).toEqual(diff.changes);
  });

  it('fills each part close to the limit', () => {
    const messages = batchSeatDiff({ eventId: randomUUID(), version: 1, changes: changes(1_000) }, 2_000);
    for (const m of messages.slice(0, -1)) expect(bytes(m)).toBeGreaterThan(2_000 - 60);
  });
});
