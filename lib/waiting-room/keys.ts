import type { QueueKeys } from '@/lib/kv/types';

// Kv key names of the waiting room, in one place so no two modules drift apart.
export const queueKeys = (eventId: string): QueueKeys => ({
  members: `wr:${eventId}:members`,
  state: `wr:${eventId}:state`,
  admitted: `wr:${eventId}:admitted`,
  joined: `wr:${eventId}:joined`,
});

/** Present while an 'auto' event is busy enough to be queued. */
export const autoQueuedKey = (eventId: string) => `wr:${eventId}:auto`;

export const arrivalsKey = (eventId: string, minute: number) => `wr:${eventId}:arrivals:${minute}`;
