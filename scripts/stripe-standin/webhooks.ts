import { newId, publicSession, type Session } from './store';
import { signatureHeader } from './sign';

export type StandInEvent = {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  type: string;
  livemode: false;
  pending_webhooks: number;
  request: { id: null; idempotency_key: null };
  data: { object: unknown };
};

export function sessionEvent(type: string, session: Session): StandInEvent {
  return {
    id: newId('evt'),
    object: 'event',
    api_version: '2026-10-28.endive',
    created: Math.floor(Date.now() / 1000),
    type,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    // A snapshot, as Stripe sends it: later changes to the session do not alter a sent event.
    data: { object: structuredClone(publicSession(session)) },
  };
}

/**
 * At-least-once delivery like Stripe's: a failed attempt (network error or non-2xx) is retried
 * with backoff. Stripe retries for days; a few quick tries suit a development machine.
 */
export async function deliver(event: StandInEvent, url: string, secret: string, attempts = 5): Promise<boolean> {
  const payload = JSON.stringify(event, null, 2);
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': signatureHeader(payload, secret) },
        body: payload,
        signal: AbortSignal.timeout(10_000),
      });
      if (response.ok) return true;
      console.warn(`stripe stand-in: ${event.type} ${event.id} answered ${response.status} (attempt ${attempt})`);
    } catch (error) {
      console.warn(`stripe stand-in: ${event.type} ${event.id} failed: ${(error as Error).message} (attempt ${attempt})`);
    }
    await new Promise((r) => setTimeout(r, 250 * 2 ** attempt));
  }
  return false;
}
