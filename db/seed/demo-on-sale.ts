import Redis from 'ioredis';
import postgres from 'postgres';
import { eventDetailsKey } from '@/lib/events/get-event-view';
import { autoQueuedKey, queueKeys } from '@/lib/waiting-room/keys';

// One seeded event is the demo on-sale: each start of the site (`npm run dev`, `npm start`)
// moves its on-sale a few minutes ahead and switches its waiting room on, so a newcomer sees the
// countdown, the queue and then the admission without setting anything up.

/** The seed marks the demo event with this organiser id; a real catalogue never has it. */
export const demoExternalId = 'ticketbooth:demo-on-sale';

export type DemoOnSale = { id: string; name: string; onSaleAt: Date };

// Few enough per minute that a queue is visible with a handful of fans, many enough that one
// fan alone is let in within seconds of the opening.
const outflowPerMinute = 30;

/**
 * Opens the demo event's on-sale `minutes` from now with its queue on, and forgets its previous
 * queue (places, frontier, admissions) and cached details in the kv store, so every start shows
 * the whole on-sale from the beginning. Null when the database has no demo event (not seeded by
 * us, or an imported catalogue). Tickets held or sold in earlier runs stay as they are.
 */
export async function scheduleDemoOnSale(
  databaseUrl: string,
  minutes: number,
  kv: { redisUrl?: string; prefix: string },
): Promise<DemoOnSale | null> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  let demo: DemoOnSale | undefined;
  try {
    [demo] = await sql<DemoOnSale[]>`
      update events
         set on_sale_at = now() + make_interval(secs => ${minutes * 60}),
             queue_mode = 'on',
             queue_outflow_per_minute = ${outflowPerMinute},
             queue_admission_window_seconds = 600
       where external_id = ${demoExternalId}
         and date > now() + make_interval(secs => ${minutes * 60})
      returning id, name, on_sale_at as "onSaleAt"`;
  } finally {
    await sql.end();
  }
  if (!demo) return null;
  // The in-process store starts empty with the site; only a Redis outlives a restart.
  if (kv.redisUrl) {
    const redis = new Redis(kv.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
      const q = queueKeys(demo.id);
      await redis.del(...[q.members, q.state, q.admitted, autoQueuedKey(demo.id), eventDetailsKey(demo.id)].map((k) => kv.prefix + k));
    } finally {
      redis.disconnect();
    }
  }
  return demo;
}
