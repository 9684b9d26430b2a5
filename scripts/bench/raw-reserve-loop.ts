import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import { pool } from './pool';

/**
 * The same-work baseline for a hold (issue 13): everything a hold must do in the database (the
 * fan's advisory lock, the per-fan limit under it, row locks, the claim, the reservation rows,
 * the seat-version bump) in one round trip per hold — the hold_seats() function of migration
 * 0011, called straight from postgres.js with the app's concurrency and pool size. No HTTP, no
 * framework, no session, no rate limit, no Redis, no diff.
 */
export async function rawReserveLoop(
  sql: postgres.Sql,
  opts: {
    eventId: string;
    userIds: string[];
    attempts: number;
    concurrency: number;
    pick: (i: number) => string[];
    holdSeconds: number;
    limit: number;
  },
) {
  let held = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await pool(opts.attempts, opts.concurrency, async (i) => {
    const ids = opts.pick(i);
    const t0 = performance.now();
    const [row] = await sql`
      select outcome from hold_seats(${randomUUID()}, ${opts.userIds[i % opts.userIds.length]!}, ${opts.eventId},
                                     ${`{${ids.join(',')}}`}::uuid[], ${opts.holdSeconds}, ${opts.limit})`;
    latencies.push(performance.now() - t0);
    if (row?.outcome === 'held') held++;
  });
  const seconds = (performance.now() - started) / 1000;
  return { attemptsPerSecond: opts.attempts / seconds, holdsPerSecond: held / seconds, held, latencies };
}
