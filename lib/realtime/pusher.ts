import 'server-only';
import Pusher from 'pusher';
import { env } from '@/lib/env';
import type { PusherClientConfig } from './channels';

// One server client per process, or none when PUSHER_* are unset (plain unit test runs): then
// nothing is published and open maps fall back to polling.
const globalForPusher = globalThis as typeof globalThis & { ticketboothPusher?: Pusher | null };

export function getPusher(): Pusher | null {
  if (globalForPusher.ticketboothPusher !== undefined) return globalForPusher.ticketboothPusher;
  const { PUSHER_APP_ID: appId, PUSHER_KEY: key, PUSHER_SECRET: secret } = env;
  globalForPusher.ticketboothPusher =
    appId && key && secret
      ? new Pusher({
          appId,
          key,
          secret,
          cluster: env.PUSHER_CLUSTER,
          useTLS: env.PUSHER_USE_TLS,
          // A publish that hangs must not pile up behind a booking; the client notices the gap.
          timeout: 2_000,
          ...(env.PUSHER_HOST ? { host: env.PUSHER_HOST } : {}),
          ...(env.PUSHER_PORT ? { port: String(env.PUSHER_PORT) } : {}),
        })
      : null;
  return globalForPusher.ticketboothPusher;
}

/** Read on the server and handed to the browser as props: the key is public, the secret is not. */
export function pusherClientConfig(): PusherClientConfig | null {
  if (!env.PUSHER_KEY) return null;
  return {
    key: env.PUSHER_KEY,
    cluster: env.PUSHER_CLUSTER,
    host: env.PUSHER_HOST ?? null,
    port: env.PUSHER_PORT ?? null,
    useTLS: env.PUSHER_USE_TLS,
  };
}
