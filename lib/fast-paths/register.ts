import { holdFastPath } from './hold';

/**
 * Called by instrumentation.ts, which Next runs once in each server process (under
 * scripts/serve.mjs, on its first request), so the fast path is compiled with the app (same
 * modules, same aliases). serve.mjs picks it up from here; it shares the process's database pool
 * and kv client (both kept on globalThis).
 */
export function registerFastPaths(): void {
  (globalThis as typeof globalThis & { ticketboothHoldFastPath?: typeof holdFastPath }).ticketboothHoldFastPath = holdFastPath;
}
