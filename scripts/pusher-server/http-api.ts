import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Hub } from './hub';
import { verifyApiRequest } from './signature';

// Pusher's published limits: a message's data up to 10 KB, 10 events per batch, 100 channels per
// trigger. Enforcing them here means code that passes locally passes against Pusher too.
export const maxDataBytes = 10_240;
const maxBatch = 10;
const maxChannels = 100;
const maxBodyBytes = 256 * 1024;

type App = { appId: string; key: string; secret: string };
type Trigger = { name?: unknown; data?: unknown; channel?: unknown; channels?: unknown; socket_id?: unknown };

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function handleHttp(app: App, hub: Hub, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const prefix = `/apps/${app.appId}/`;
    if (!url.pathname.startsWith(prefix)) throw new HttpError(404, 'Unknown app');
    const body = await readBody(req);
    const problem = verifyApiRequest(app, { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, body });
    if (problem) throw new HttpError(401, problem);

    const route = `${req.method} ${url.pathname.slice(prefix.length)}`;
    if (route === 'POST events') {
      triggerAll(hub, [parseJson(body) as Trigger]);
      return reply(res, 200, {});
    }
    if (route === 'POST batch_events') {
      const batch = (parseJson(body) as { batch?: unknown }).batch;
      if (!Array.isArray(batch) || batch.length > maxBatch)
        throw new HttpError(400, `batch must be an array of at most ${maxBatch} events`);
      triggerAll(hub, batch as Trigger[]);
      return reply(res, 200, { batch: batch.map(() => ({})) });
    }
    if (route === 'GET channels') {
      const prefixFilter = url.searchParams.get('filter_by_prefix') ?? '';
      const channels = Object.fromEntries(
        hub
          .occupied()
          .filter((c) => c.name.startsWith(prefixFilter))
          .map((c) => [c.name, { subscription_count: c.subscriptionCount }]),
      );
      return reply(res, 200, { channels });
    }
    throw new HttpError(404, 'Not found');
  } catch (error) {
    const status = error instanceof HttpError ? error.status : 500;
    reply(res, status, { error: (error as Error).message });
  }
}

// Validate every event first, then publish: a bad event in a batch publishes nothing.
function triggerAll(hub: Hub, events: Trigger[]): void {
  const valid = events.map(validate);
  for (const e of valid) for (const channel of e.channels) hub.publish(channel, e.name, e.data, e.socketId);
}

function validate(e: Trigger): { name: string; data: string; channels: string[]; socketId?: string } {
  if (typeof e?.name !== 'string' || e.name.length === 0 || e.name.length > 200) throw new HttpError(400, 'name is required');
  if (typeof e.data !== 'string') throw new HttpError(400, 'data must be a string');
  if (Buffer.byteLength(e.data, 'utf8') > maxDataBytes) throw new HttpError(413, `data is over ${maxDataBytes} bytes`);
  const channels = Array.isArray(e.channels) ? e.channels : typeof e.channel === 'string' ? [e.channel] : [];
  if (channels.length === 0 || channels.length > maxChannels || !channels.every((c) => typeof c === 'string')) {
    throw new HttpError(400, `give 1 to ${maxChannels} channels`);
  }
  return { name: e.name, data: e.data, channels, socketId: typeof e.socket_id === 'string' ? e.socket_id : undefined };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new HttpError(400, 'Body is not JSON');
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) throw new HttpError(413, 'Request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
