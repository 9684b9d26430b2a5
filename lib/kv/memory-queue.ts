import type { QueueLedger, QueueVisit, QueueVisitArgs } from './types';

// The in-process twin of the QUEUE_VISIT and QUEUE_REQUEUE scripts (lib/kv/scripts.ts): same
// scores, same frontier arithmetic, so the memory driver passes the same contract. Rank is a
// linear count, fine for the single development instance this driver serves.

type Queue = {
  scores: Map<string, number>;
  admitted: Map<string, number>;
  joined: Map<string, number>;
  arrivals: number;
  frontier: number;
  at: number | null;
  expiresAt: number;
};

export function createMemoryQueues() {
  const queues = new Map<string, Queue>();

  function get(key: string, create: boolean): Queue | undefined {
    const q = queues.get(key);
    if (q && q.expiresAt > Date.now()) return q;
    queues.delete(key);
    if (!create) return undefined;
    const fresh: Queue = { scores: new Map(), admitted: new Map(), joined: new Map(), arrivals: 0, frontier: 0, at: null, expiresAt: 0 };
    queues.set(key, fresh);
    return fresh;
  }

  // Redis orders equal scores by member; so does this.
  function rank(q: Queue, fan: string): number | null {
    const mine = q.scores.get(fan);
    if (mine === undefined) return null;
    let n = 0;
    for (const [other, score] of q.scores) if (score < mine || (score === mine && other < fan)) n++;
    return n;
  }

  return {
    visit(key: string, a: QueueVisitArgs, ttl: number): QueueVisit {
      const q = get(key, true)!;
      if (a.join && !q.scores.has(a.fan)) {
        q.scores.set(a.fan, a.now < a.onSaleAt ? a.score : 1 + ++q.arrivals);
        if (!q.joined.has(a.fan)) q.joined.set(a.fan, a.now);
      }
      const size = q.scores.size;
      if (a.now >= a.onSaleAt) {
        const at = Math.max(q.at ?? a.onSaleAt, a.onSaleAt);
        if (a.now > at) {
          q.frontier = Math.max(q.frontier, Math.min(q.frontier + (a.now - at) * a.perMs, size));
          q.at = a.now;
        }
      }
      const admitted = Math.floor(q.frontier);
      const r = rank(q, a.fan);
      if (r !== null && r < admitted && !q.admitted.has(a.fan)) q.admitted.set(a.fan, a.now);
      q.expiresAt = Date.now() + ttl;
      return { rank: r, size, frontier: admitted, admittedAt: r !== null && r < admitted ? q.admitted.get(a.fan)! : null };
    },

    requeue(key: string, fan: string, ttl: number): boolean {
      const q = get(key, false);
      if (!q || !q.admitted.delete(fan)) return false;
      q.frontier = Math.max(q.frontier - 1, 0);
      q.scores.set(fan, 1 + ++q.arrivals);
      q.expiresAt = Date.now() + ttl;
      return true;
    },

    range(key: string, start: number, stop: number): string[] {
      const q = get(key, false);
      if (!q) return [];
      const sorted = [...q.scores].sort(([fa, a], [fb, b]) => a - b || (fa < fb ? -1 : fa > fb ? 1 : 0));
      // Redis counts a negative stop from the end: -1 is the last fan.
      const end = stop < 0 ? sorted.length + stop : stop;
      return sorted.slice(start, end + 1).map(([fan]) => fan);
    },

    ledger(key: string): QueueLedger {
      const q = get(key, false);
      if (!q) return [];
      return this.range(key, 0, -1).map((fan) => ({ fan, joinedAt: q.joined.get(fan) ?? null, admittedAt: q.admitted.get(fan) ?? null }));
    },

    clear: () => queues.clear(),
  };
}
