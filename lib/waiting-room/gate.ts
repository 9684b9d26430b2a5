import { admissionCookieName, verifyAdmission } from './admission-token';

// The waiting-room gate as a pure function, so proxy.ts stays a thin adapter and
// scripts/bench/gate.ts can time exactly what every guarded request pays.

// Matched against the DECODED path: "%2D" for a dash or an upper-case id is the same event to
// Next's router, so it must be the same event to the gate.
const guarded: Array<{ pattern: RegExp; api: boolean; canonical: (id: string) => string }> = [
  { pattern: /^\/+events\/+([0-9a-f-]{36})\/*$/i, api: false, canonical: (id) => `/events/${id}` },
  { pattern: /^\/+api\/+events\/+([0-9a-f-]{36})\/+best-available\/*$/i, api: true, canonical: (id) => `/api/events/${id}/best-available` },
];

export type GateRequest = { pathname: string; cookie: (name: string) => string | undefined };
export type GateDecision =
  /** `queued`: a guarded URL of a queued event, let through on this fan's own admission. */
  | { allow: true; queued?: true }
  /** Not the canonical spelling of a guarded URL: send the client there, then judge that. */
  | { allow: false; redirect: string }
  /** The path's percent-encoding is broken: nothing in the app can serve it. */
  | { allow: false; malformed: true; api: boolean }
  | { allow: false; eventId: string; api: boolean };

/** The path with %XX sequences decoded, or null when they are malformed. */
export function decodePath(pathname: string): string | null {
  if (!pathname.includes('%')) return pathname;
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

/** The event a decoded path books for, when it is one of the guarded booking routes. */
export function guardedRoute(decoded: string): { eventId: string; api: boolean; canonical: string } | null {
  for (const { pattern, api, canonical } of guarded) {
    const match = pattern.exec(decoded);
    if (match?.[1]) {
      const eventId = match[1].toLowerCase();
      return { eventId, api, canonical: canonical(eventId) };
    }
  }
  return null;
}

/**
 * Lets a request through unless it books for a queued event without a valid admission token.
 * The common path (an event without a queue) is one regex and one Set lookup. A guarded URL
 * spelled any other way than its canonical form is redirected to it (so that neither the gate nor
 * an edge cache sees two names for one page), and a path whose encoding is broken is refused.
 * The token is checked for signature, event and expiry; binding to the signed-in fan is checked
 * where the session is already decoded (lib/booking/hold-seats.ts), because decrypting the
 * next-auth session here would cost more than the whole budget.
 */
export async function gate(request: GateRequest, queued: ReadonlySet<string>, key: Uint8Array, now = Date.now()): Promise<GateDecision> {
  const decoded = decodePath(request.pathname);
  if (decoded === null) return { allow: false, malformed: true, api: request.pathname.startsWith('/api/') };
  const route = guardedRoute(decoded);
  if (!route) return { allow: true };
  if (request.pathname !== route.canonical) return { allow: false, redirect: route.canonical };
  if (!queued.has(route.eventId)) return { allow: true };
  const token = request.cookie(admissionCookieName(route.eventId));
  if (token && (await verifyAdmission(key, token, { eventId: route.eventId, now }))) return { allow: true, queued: true };
  return { allow: false, eventId: route.eventId, api: route.api };
}
