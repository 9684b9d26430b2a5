// The waiting-room gate's cost per request (budget: < 0.1 ms), timed in a tight loop over the
// exact function proxy.ts calls. Run: npx tsx scripts/bench/gate.ts
import { randomUUID } from 'node:crypto';
import { admissionCookieName, admissionKey, signAdmission } from '../../lib/waiting-room/admission-token';
import { gate } from '../../lib/waiting-room/gate';

const key = admissionKey('bench-secret-bench-secret');
const queuedEvent = randomUUID();
const openEvent = randomUUID();
// A realistic list: a few hundred queued on-sales at once.
const queued = new Set([queuedEvent, ...Array.from({ length: 300 }, () => randomUUID())]);
const token = await signAdmission(key, { userId: randomUUID(), eventId: queuedEvent, expiresAt: Date.now() + 600_000 });
const cookies = new Map([[admissionCookieName(queuedEvent), token]]);
const cookie = (name: string) => cookies.get(name);

async function time(label: string, pathname: string, n: number, expectAllow: boolean): Promise<void> {
  const request = { pathname, cookie };
  for (let i = 0; i < 2_000; i++) await gate(request, queued, key); // warm-up: JIT and key import
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const decision = await gate(request, queued, key);
    if (decision.allow !== expectAllow) throw new Error(`${label}: unexpected decision`);
  }
  const perCallMs = Number(process.hrtime.bigint() - start) / 1e6 / n;
  console.log(`${label.padEnd(44)} ${(perCallMs * 1000).toFixed(2).padStart(8)} µs/request`);
}

await time('event without a queue (common path)', `/events/${openEvent}`, 200_000, true);
await time('queued event, valid admission token', `/events/${queuedEvent}`, 50_000, true);
await time('another event, not queued', `/events/${randomUUID()}`, 200_000, true);
// Each token's signature is checked once per server process, then remembered: time that too.
const fresh = await Promise.all(
  Array.from({ length: 5_000 }, () => signAdmission(key, { userId: randomUUID(), eventId: queuedEvent, expiresAt: Date.now() + 600_000 })),
);
const start = process.hrtime.bigint();
for (const t of fresh) {
  const decision = await gate({ pathname: `/events/${queuedEvent}`, cookie: () => t }, queued, key);
  if (!decision.allow) throw new Error('fresh token refused');
}
const firstMs = Number(process.hrtime.bigint() - start) / 1e6 / fresh.length;
console.log(`${'queued event, first request with a new token'.padEnd(44)} ${(firstMs * 1000).toFixed(2).padStart(8)} µs/request`);
cookies.clear();
await time('queued event, token missing', `/events/${queuedEvent}`, 200_000, false);
await time('path that is not guarded', '/search', 200_000, true);
