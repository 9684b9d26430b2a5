// A local stand-in for Upstash's REST API in front of a real Redis, so the @upstash/redis driver
// is tested through its real HTTP client. Speaks the parts that client uses:
//   POST /            body ["SET", "k", "v"]             -> { result } | 400 { error }
//   POST /pipeline    body [["SET", "k", "v"], ["GET", "k"]] -> [{ result } | { error }, ...]
//   POST /multi-exec  the same, inside MULTI/EXEC
// With `Upstash-Encoding: base64` (the client's default) every string in a result is sent as
// base64 of its bytes, which keeps binary values intact through JSON; errors stay plain text.
//
//   PORT=8079 REDIS_URL=redis://127.0.0.1:6379 UPSTASH_BRIDGE_TOKEN=dev tsx scripts/upstash-bridge.ts
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type Command = [string, ...string[]];
type Entry = { result: Json } | { error: string };

export type UpstashBridge = { url: string; close(): Promise<void> };

export async function startUpstashBridge(opts: { port: number; redisUrl: string; token: string }): Promise<UpstashBridge> {
  const redis = new Redis(opts.redisUrl, { maxRetriesPerRequest: 1 });
  redis.on('error', () => {}); // surfaced per request as a 500; ioredis keeps reconnecting

  const server = http.createServer((req, res) => {
    handle(redis, opts.token, req).then(
      ({ status, body }) => send(res, status, body),
      (error: unknown) => send(res, 500, { error: error instanceof Error ? error.message : String(error) }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      // fetch keeps connections alive; without this, close() waits for them to time out.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

async function handle(redis: Redis, token: string, req: http.IncomingMessage): Promise<{ status: number; body: Json }> {
  if (req.headers.authorization !== `Bearer ${token}`) return { status: 401, body: { error: 'Unauthorized' } };
  if (req.method !== 'POST') return { status: 405, body: { error: 'Only POST is supported' } };
  const base64 = String(req.headers['upstash-encoding'] ?? '').toLowerCase() === 'base64';
  const path = new URL(req.url ?? '/', 'http://bridge').pathname.replace(/\/+$/, '');

  let body: unknown;
  try {
    body = JSON.parse(await readBody(req));
  } catch {
    return { status: 400, body: { error: 'ERR request body is not valid JSON' } };
  }

  if (path === '') {
    const command = toCommand(body);
    if (!command) return { status: 400, body: { error: 'ERR body must be a non-empty command array' } };
    try {
      return { status: 200, body: { result: encode(await redis.callBuffer(...command), base64) } };
    } catch (error) {
      return failure(error);
    }
  }

  if (path === '/pipeline' || path === '/multi-exec') {
    const commands = Array.isArray(body) ? body.map(toCommand) : [];
    if (commands.length === 0 || !commands.every((c): c is Command => c !== null)) {
      return { status: 400, body: { error: 'ERR body must be a non-empty array of command arrays' } };
    }
    const batch = path === '/pipeline' ? redis.pipeline() : redis.multi();
    for (const command of commands) batch.callBuffer(...command);
    try {
      const replies = (await batch.exec()) ?? [];
      return {
        status: 200,
        body: replies.map(([error, result]): Entry => (error ? { error: error.message } : { result: encode(result, base64) })),
      };
    } catch (error) {
      // EXECABORT: a command was rejected while queueing, so nothing in the transaction ran.
      return failure(error);
    }
  }

  return { status: 404, body: { error: `ERR unknown path ${path}` } };
}

// Redis rejected the command (bad syntax, wrong type, NOSCRIPT): the caller's fault, 400.
// Anything else means Redis itself is unreachable: 500.
function failure(error: unknown): { status: number; body: Json } {
  const message = error instanceof Error ? error.message : String(error);
  const isReply = error instanceof Error && error.name === 'ReplyError';
  return { status: isReply ? 400 : 500, body: { error: message } };
}

function toCommand(value: unknown): Command | null {
  if (!Array.isArray(value) || value.length === 0 || typeof value[0] !== 'string') return null;
  const [name, ...args] = value as [string, ...unknown[]];
  return [name, ...args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a)))];
}

// Replies come back as Buffers (callBuffer) so base64 encodes the exact bytes Redis stored.
function encode(reply: unknown, base64: boolean): Json {
  if (reply === null || reply === undefined) return null;
  if (typeof reply === 'number') return reply;
  if (Buffer.isBuffer(reply)) return reply.toString(base64 ? 'base64' : 'utf8');
  if (typeof reply === 'string') return base64 ? Buffer.from(reply).toString('base64') : reply;
  if (Array.isArray(reply)) return reply.map((item) => encode(item, base64));
  return String(reply);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, body: Json): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const token = process.env.UPSTASH_BRIDGE_TOKEN;
  if (!token) throw new Error('Set UPSTASH_BRIDGE_TOKEN (clients send it as UPSTASH_REDIS_REST_TOKEN)');
  const bridge = await startUpstashBridge({
    port: Number(process.env.PORT ?? 8079),
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    token,
  });
  console.log(`upstash bridge: ${bridge.url} -> ${process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'}`);
  const stop = () => void bridge.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
