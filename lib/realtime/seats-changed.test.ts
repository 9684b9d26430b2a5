import { randomUUID } from 'node:crypto';
import PusherClient from 'pusher-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSql } from '@/lib/testing/db';
import { createEvent } from '@/lib/testing/factories';
import { startPusherServer } from '@/scripts/pusher-server/server';
import type { SeatDiffMessage } from './batch-seat-diff';
import { seatChannel, seatEventName } from './channels';

// seatsChanged through the real `pusher` SDK to the local server, read back with pusher-js.
const app = { appId: 'publish-test', key: 'publish-key', secret: 'publish-secret' };
let server: Awaited<ReturnType<typeof startPusherServer>>;
let client: PusherClient;
const sql = testSql();

beforeAll(async () => {
  server = await startPusherServer({ port: 0, ...app });
  // lib/env reads process.env once, on first import: set it before importing the publisher.
  Object.assign(process.env, {
    PUSHER_APP_ID: app.appId,
    PUSHER_KEY: app.key,
    PUSHER_SECRET: app.secret,
    PUSHER_HOST: '127.0.0.1',
    PUSHER_PORT: String(server.port),
    PUSHER_USE_TLS: 'false',
  });
  client = new PusherClient(app.key, {
    cluster: 'mt1',
    wsHost: '127.0.0.1',
    wsPort: server.port,
    forceTLS: false,
    enabledTransports: ['ws'],
  });
});
afterAll(async () => {
  await sql.end();
  client.disconnect();
  await server.close();
});

describe('seatsChanged', () => {
  it('delivers a large diff as ordered parts that add up to the whole, with seat indexes', async () => {
    const { seatsChanged } = await import('./seats-changed');
    const { db } = await import('@/db');
    const event = await createEvent(sql, { sections: 1, rows: 20, seatsPerRow: 30 });
    const eventId = event.eventId;
    const channel = client.subscribe(seatChannel(eventId));
    await new Promise<void>((resolve) => channel.bind('pusher:subscription_succeeded', () => resolve()));

    const changes = event.ticketIds.map((id) => ({ id, status: 'available' as const }));
    const received: SeatDiffMessage[] = [];
    const done = new Promise<void>((resolve) =>
      channel.bind(seatEventName, (m: SeatDiffMessage) => {
        received.push(m);
        if (m.part === m.parts) resolve();
      }),
    );
    await seatsChanged(db, { eventId, version: 9, changes });
    await done;
    expect(received.length).toBeGreaterThan(1);
    expect(received.map((m) => m.part)).toEqual(received.map((_, i) => i + 1));
    expect(received.flatMap((m) => m.changes)).toEqual(changes.map((c, seat) => ({ ...c, seat })));
  });

  it('never throws when the server is unreachable', async () => {
    const { seatsChanged } = await import('./seats-changed');
    const { db } = await import('@/db');
    await server.close();
    await expect(
      seatsChanged(db, { eventId: randomUUID(), version: 1, changes: [{ id: randomUUID(), status: 'sold' }] }),
    ).resolves.toBeUndefined();
    server = await startPusherServer({ port: 0, ...app });
  });
});
