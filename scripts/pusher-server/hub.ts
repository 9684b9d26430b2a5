import { randomInt } from 'node:crypto';
import type { WebSocket } from 'ws';
import { verifyChannelAuth } from './signature';

type Message = { event: string; channel?: string; data?: unknown };

// Seconds of silence after which a client pings; the server answers pings and closes sockets that
// stay silent for twice as long, as Pusher does, so dead connections do not pile up subscribers.
export const activityTimeout = 120;

/** Connections and the channels they subscribe to. Protocol 7 frames: data is a JSON string. */
export class Hub {
  private readonly channels = new Map<string, Set<WebSocket>>();
  private readonly sockets = new Map<WebSocket, { id: string; channels: Set<string> }>();

  constructor(private readonly app: { key: string; secret: string }) {}

  connect(ws: WebSocket): void {
    const id = `${randomInt(1, 2 ** 31)}.${randomInt(1, 2 ** 31)}`;
    this.sockets.set(ws, { id, channels: new Set() });
    send(ws, { event: 'pusher:connection_established', data: JSON.stringify({ socket_id: id, activity_timeout: activityTimeout }) });

    let lastSeen = Date.now();
    const idle = setInterval(() => {
      if (Date.now() - lastSeen > 2 * activityTimeout * 1000) ws.terminate();
    }, 10_000);
    ws.on('message', (raw) => {
      lastSeen = Date.now();
      this.handle(ws, id, String(raw));
    });
    ws.on('close', () => {
      clearInterval(idle);
      this.disconnect(ws);
    });
  }

  publish(channel: string, event: string, data: string, exceptSocketId?: string): void {
    for (const ws of this.channels.get(channel) ?? []) {
      if (exceptSocketId && this.sockets.get(ws)?.id === exceptSocketId) continue;
      send(ws, { event, channel, data });
    }
  }

  occupied(): Array<{ name: string; subscriptionCount: number }> {
    return [...this.channels].map(([name, set]) => ({ name, subscriptionCount: set.size }));
  }

  private handle(ws: WebSocket, socketId: string, raw: string): void {
    let msg: Message;
    try {
      msg = JSON.parse(raw) as Message;
    } catch {
      return send(ws, { event: 'pusher:error', data: { code: null, message: 'Malformed JSON' } });
    }
    const data = (typeof msg.data === 'string' ? safeParse(msg.data) : msg.data) as Record<string, unknown> | undefined;
    switch (msg.event) {
      case 'pusher:ping':
        return send(ws, { event: 'pusher:pong', data: {} });
      case 'pusher:subscribe':
        return this.subscribe(ws, socketId, data);
      case 'pusher:unsubscribe':
        if (typeof data?.channel === 'string') this.leave(ws, data.channel);
        return;
      default:
        // Client events (client-*) need presence/private features this server does not offer.
        return;
    }
  }

  private subscribe(ws: WebSocket, socketId: string, data: Record<string, unknown> | undefined): void {
    const channel = data?.channel;
    if (typeof channel !== 'string' || !/^[A-Za-z0-9_\-=@,.;]{1,164}$/.test(channel)) {
      return send(ws, { event: 'pusher:error', data: { code: 4009, message: 'Invalid channel name' } });
    }
    const needsAuth = channel.startsWith('private-') || channel.startsWith('presence-');
    if (needsAuth && !verifyChannelAuth(this.app, socketId, channel, data?.auth)) {
      return send(ws, {
        event: 'pusher:subscription_error',
        channel,
        data: JSON.stringify({ type: 'AuthError', error: `Invalid signature for ${channel}`, status: 401 }),
      });
    }
    let set = this.channels.get(channel);
    if (!set) this.channels.set(channel, (set = new Set()));
    set.add(ws);
    this.sockets.get(ws)?.channels.add(channel);
    send(ws, { event: 'pusher_internal:subscription_succeeded', channel, data: '{}' });
  }

  private leave(ws: WebSocket, channel: string): void {
    const set = this.channels.get(channel);
    set?.delete(ws);
    if (set?.size === 0) this.channels.delete(channel);
    this.sockets.get(ws)?.channels.delete(channel);
  }

  private disconnect(ws: WebSocket): void {
    for (const channel of this.sockets.get(ws)?.channels ?? []) this.leave(ws, channel);
    this.sockets.delete(ws);
  }
}

function safeParse(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

function send(ws: WebSocket, msg: Message): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
}
