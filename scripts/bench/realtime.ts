// Realtime: how long a seat change takes to reach open seat maps. 200 pusher-js clients subscribe
// to one event's channel; a fan then holds seats through the API, one at a time, and each client
// notes when the diff naming that seat arrives. Latency = arrival minus the moment the hold
// request was sent, so it includes the reservation itself.
import Pusher from 'pusher-js';
import type postgres from 'postgres';
import { seatChannel, seatEventName } from '../../lib/realtime/channels';
import { createEvent, createFans } from '../../lib/testing/factories';
import { sessionCookie } from '../../lib/testing/http';
import { ms, summarise, table } from './stats';

type Opts = { sql: postgres.Sql; baseUrl: string; env: NodeJS.ProcessEnv; clients: number; changes: number };

export async function benchRealtime({ sql, baseUrl, env, clients: clientCount, changes }: Opts) {
  const event = await createEvent(sql, { sections: 1, rows: 2, seatsPerRow: Math.max(changes, 10) });
  const fans = await createFans(sql, changes);
  const cookies = await Promise.all(fans.map(sessionCookie));
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];

  const clients = Array.from(
    { length: clientCount },
    () =>
      new Pusher(env.PUSHER_KEY!, {
        cluster: env.PUSHER_CLUSTER ?? 'mt1',
        wsHost: env.PUSHER_HOST,
        wsPort: Number(env.PUSHER_PORT),
        forceTLS: false,
        enabledTransports: ['ws'],
        disableStats: true,
      }),
  );
  await Promise.all(
    clients.map(
      (client) =>
        new Promise<void>((resolve) => {
          const channel = client.subscribe(seatChannel(event.eventId));
          channel.bind('pusher:subscription_succeeded', () => resolve());
          channel.bind(seatEventName, (message: { changes: Array<{ id: string }> }) => {
            for (const change of message.changes) {
              const t0 = sentAt.get(change.id);
              if (t0 !== undefined) latencies.push(performance.now() - t0);
            }
          });
        }),
    ),
  );

  try {
    // One seat per hold (each by its own fan, under the per-fan limit), spaced out so each diff
    // is measured on its own rather than queued behind the last.
    for (const [i, ticketId] of event.ticketIds.slice(0, changes).entries()) {
      sentAt.set(ticketId, performance.now());
      const res = await fetch(`${baseUrl}/api/reservations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: cookies[i]! },
        body: JSON.stringify({ eventId: event.eventId, ticketIds: [ticketId] }),
      });
      await res.body?.cancel();
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 1000));
  } finally {
    for (const client of clients) client.disconnect();
  }

  const s = summarise(latencies);
  const expected = clientCount * changes;
  const markdown = table(
    ['subscribers', 'seat changes', 'deliveries', 'p50', 'p99'],
    [[clientCount, changes, `${latencies.length} of ${expected}`, ms(s.p50), ms(s.p99)]],
  );
  return { markdown, p50: s.p50, p99: s.p99, delivered: latencies.length, expected };
}
