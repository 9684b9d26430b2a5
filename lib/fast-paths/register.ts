import { holdFastPath } from './hold';
import { searchFastPath } from './search';
import type { FastPath } from './socket-answer';

/** Every fast path, tried in turn: the hold doors, then search. */
function fastPaths(everyResponse: Record<string, string>): FastPath {
  const paths = [holdFastPath(everyResponse), searchFastPath(everyResponse)];
  return (req, res) => paths.some((path) => path(req, res));
}

/**
 * Called by instrumentation.ts, which Next runs once in each server process (under
 * scripts/serve.mjs, on its first request), so the fast paths are compiled with the app (same
 * modules, same aliases). serve.mjs picks them up from here; they share the process's database
 * pool and kv client (both kept on globalThis).
 */
export function registerFastPaths(): void {
  (globalThis as typeof globalThis & { ticketboothFastPaths?: typeof fastPaths }).ticketboothFastPaths = fastPaths;
}
