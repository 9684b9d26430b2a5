import { admissionCookieName, verifyAdmission } from './admission-token';

// The waiting-room gate as a pure function, so proxy.ts stays a thin adapter and
// scripts/bench/gate.ts can time exactly what every guarded request pays.

const guarded: Array<{ pattern: RegExp; api: boolean }> = [
  { pattern: /^\/events\/([0-9a-f-]{36})\/?$/i, api: false },
  { pattern: /^\/api\/events\/([0-9a-f-]{36})\/best-available\/?$/i, api: true },
];

export type GateRequest = { pathname: string; cookie: (name: string) => string | undefined };
export type GateDecision = { allow: true } | { allow: false; eventId: string; api: boolean };

/** The event a path books for, when it is one of the guarded booking routes. */
export function guardedRoute(pathname: string): { eventId: string; api: boolean } | null {
  for (const { pattern, api } of guarded) {
    const match = pattern.exec(pathname);
    if (match?.[1]) return { eventId: match[1].toLowerCase(), api };
  }
  return null;
}

/**
 * Lets a request through unless it books for a queued event without a valid admission token.
 * The common path (an event without a queue) is one regex and one Set lookup. The token is
 * checked for signature, event and expiry; binding to the signed-in fan is checked where the
 * session is already decoded (requireAdmission in the reserve route and the hold action),
 * because decrypting the next-auth session here would cost more than the whole budget.
 */
export async function gate(
  request: GateRequest,
  queued: ReadonlySet<string>,
  key: Uint8Array,
  now = Date.now(),
): Promise<GateDecision> {
  const route = guardedRoute(request.pathname);
  if (!route || !queued.has(route.eventId)) return { allow: true };
  const token = request.cookie(admissionCookieName(route.eventId));
  if (token && (await verifyAdmission(key, token, { eventId: route.eventId, now }))) return { allow: true };
  return { allow: false, ...route };
}
