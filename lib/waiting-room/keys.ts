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

/** Why the hold door turned a request away: the rate limit, or no admission from the queue. */
export const refusalKinds = ['rate_limited', 'queue_required'] as const;
export type RefusalKind = (typeof refusalKinds)[number];
export const refusalKey = (eventId: string, kind: RefusalKind) => `wr:${eventId}:refused:${kind}`;
