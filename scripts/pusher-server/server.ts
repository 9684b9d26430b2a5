// A local Pusher Channels server (protocol 7) for development and tests: the real `pusher` SDK
// publishes through its HTTP API and the real `pusher-js` client subscribes over WebSocket, so the
// production code path is the one exercised. Not for production: one process, no presence
// channels, no webhooks.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { handleHttp } from './http-api';
import { Hub } from './hub';

export type PusherServerOptions = { port: number; appId: string; key: string; secret: string };

export async function startPusherServer(opts: PusherServerOptions): Promise<{ port: number; close: () => Promise<void> }> {
  const hub = new Hub(opts);
  const http = createServer((req, res) => void handleHttp(opts, hub, req, res));
  const wss = new WebSocketServer({ noServer: true });

  http.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = /^\/app\/([^/]+)$/.exec(url.pathname);
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (!match || decodeURIComponent(match[1]!) !== opts.key) {
        // Pusher's code for an unknown key: the client must not reconnect with it.
        ws.send(JSON.stringify({ event: 'pusher:error', data: { code: 4001, message: 'App key not in this cluster' } }));
        return ws.close(4001, 'App key not in this cluster');
      }
      if (url.searchParams.get('protocol') !== '7') {
        ws.send(JSON.stringify({ event: 'pusher:error', data: { code: 4007, message: 'Unsupported protocol version' } }));
        return ws.close(4007, 'Unsupported protocol version');
      }
      hub.connect(ws);
    });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port, '127.0.0.1', () => resolve());
  });

  return {
    port: (http.address() as AddressInfo).port,
    close: async () => {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
