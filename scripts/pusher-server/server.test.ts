import Pusher from 'pusher';
import PusherClient from 'pusher-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPusherServer } from './server';

// The real server SDK and the real browser SDK (its Node build) against the local server.
const app = { appId: 'it', key: 'it-key', secret: 'it-secret' };
let server: Awaited<ReturnType<typeof startPusherServer>>;
let publisher: Pusher;
const clients: PusherClient[] = [];

beforeAll(async () => {
  server = await startPusherServer({ port: 0, ...app });
  publisher = new Pusher({ ...app, host: '127.0.0.1', port: String(server.port), useTLS: false });
});
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await server.close();
});

function connect(authorizer?: (channel: string, socketId: string) => string): PusherClient {
  const client = new PusherClient(app.key, {
    cluster: 'mt1',
    wsHost: '127.0.0.1',
    wsPort: server.port,
    forceTLS: false,
    enabledTransports: ['ws'],
    ...(authorizer
      ? {
          channelAuthorization: {
            endpoint: '',
            transport: 'ajax',
            customHandler: ({ channelName, socketId }, cb) => cb(null, { auth: authorizer(channelName, socketId) }),
          },
        }
      : {}),
  });
  clients.push(client);
  return client;
}

function subscribed(client: PusherClient, name: string) {
  const channel = client.subscribe(name);
  return new Promise<typeof channel>((resolve, reject) => {
    channel.bind('pusher:subscription_succeeded', () => resolve(channel));
    channel.bind('pusher:subscription_error', (e: unknown) => reject(Object.assign(new Error('subscription_error'), { detail: e })));
  });
}

describe('local Pusher-protocol server', () => {
  it('delivers a published event to a pusher-js subscriber', async () => {
    const channel = await subscribed(connect(), 'seats-abc');
    const received = new Promise((resolve) => channel.bind('seats', resolve));
    await publisher.trigger('seats-abc', 'seats', { version: 3, part: 1, parts: 1, changes: [{ id: 'x', status: 'sold' }] });
    await expect(received).resolves.toEqual({ version: 3, part: 1, parts: 1, changes: [{ id: 'x', status: 'sold' }] });
  });

  it('delivers batch events in order', async () => {
    const channel = await subscribed(connect(), 'seats-batch');
    const got: number[] = [];
    const done = new Promise<void>((resolve) =>
      channel.bind('seats', (m: { part: number }) => {
        got.push(m.part);
        if (got.length === 3) resolve();
      }),
    );
    await publisher.triggerBatch([1, 2, 3].map((part) => ({ channel: 'seats-batch', name: 'seats', data: JSON.stringify({ part }) })));
    await done;
    expect(got).toEqual([1, 2, 3]);
  });

  it('answers a bad HTTP signature with 401 and a message over 10 KB with 413', async () => {
    const wrong = new Pusher({ ...app, secret: 'not-the-secret', host: '127.0.0.1', port: String(server.port), useTLS: false });
    await expect(wrong.trigger('seats-abc', 'seats', {})).rejects.toMatchObject({ status: 401 });
    await expect(publisher.trigger('seats-abc', 'seats', 'x'.repeat(10_241))).rejects.toMatchObject({ status: 413 });
    const res = await publisher.get({ path: '/channels' });
    expect(res.status).toBe(200);
  });

  it('lets a private channel in only with a valid signature', async () => {
    const good = connect((channel, socketId) => publisher.authorizeChannel(socketId, channel).auth);
    await expect(subscribed(good, 'private-fan-1')).resolves.toBeDefined();
    const forged = connect(() => `${app.key}:${'0'.repeat(64)}`);
    await expect(subscribed(forged, 'private-fan-1')).rejects.toThrow('subscription_error');
  });

  it('answers pings and refuses an unknown app key with 4001', async () => {
    const client = connect();
    await new Promise<void>((resolve) => client.connection.bind('connected', () => resolve()));
    const pong = new Promise<void>((resolve) =>
      client.connection.bind('message', (m: { event: string }) => m.event === 'pusher:pong' && resolve()),
    );
    client.send_event('pusher:ping', {});
    await pong;

    const { WebSocket } = await import('ws');
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/app/wrong-key?protocol=7`);
    const code = await new Promise<number>((resolve) => ws.on('close', (c) => resolve(c)));
    expect(code).toBe(4001);
  });
});
