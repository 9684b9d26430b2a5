import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import { pool } from './pool';

/**
 * The baseline for reservations: the same claim as the app's, as ONE statement per hold sent
 * straight from postgres.js with the same concurrency — no HTTP, no framework, no Redis, no
 * per-fan limit. Returns successful holds per second.
 */
export async function rawReserveLoop(
  sql: postgres.Sql,
  opts: { eventId: string; userIds: string[]; attempts: number; concurrency: number; pick: (i: number) => string[] },
) {
  let held = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await pool(opts.attempts, opts.concurrency, async (i) => {
    const ids = opts.pick(i);
    const t0 = performance.now();
    const [row] = await sql`
      with r as (
        insert into reservations (id, user_id, event_id, status, expires_at)
        values (${randomUUID()}, ${opts.userIds[i % opts.userIds.length]!}, ${opts.eventId}, 'active', now() + interval '10 minutes')
        returning id, expires_at
      ), t as (
        update tickets set status = 'reserved', hold_id = (select id from r), hold_expires_at = (select expires_at from r)
        where id = any(${`{${ids.join(',')}}`}::uuid[]) and event_id = ${opts.eventId} and status = 'available'
        returning id
      )
      -- A partial claim divides by zero, which aborts (and so rolls back) the whole statement:
      -- all-or-nothing in one round trip.
      select ${ids.length}::int / (case when count(*) = ${ids.length} then 1 else 0 end) as ok from t`.catch(
      (e: { code?: string }) => {
        if (e.code !== '22012') throw e;
        return [];
      },
    );
    latencies.push(performance.now() - t0);
    if (row) held++;
  });
  const seconds = (performance.now() - started) / 1000;
  return { attemptsPerSecond: opts.attempts / seconds, holdsPerSecond: held / seconds, held, latencies };
}
