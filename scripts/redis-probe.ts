import net from 'node:net';

// True when something on host:port answers a Redis PING within the timeout.
export function redisAnswers(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

/**
 * For command-line scripts run beside `npm run dev`: the embedded Postgres and the local Redis
 * (or the in-process store) unless the environment names the stores. Call it before lib/env is
 * first imported: it reads the environment once.
 */
export async function defaultToDevStores(): Promise<void> {
  process.env.DATABASE_URL ??= `postgres://postgres:postgres@127.0.0.1:${process.env.EMBEDDED_PG_PORT ?? 54329}/ticketbooth`;
  if (!process.env.REDIS_URL && !process.env.UPSTASH_REDIS_REST_URL && !process.env.KV_DRIVER) {
    if (await redisAnswers('127.0.0.1', 6379)) process.env.REDIS_URL = 'redis://127.0.0.1:6379';
    else process.env.KV_DRIVER = 'memory';
  }
}
