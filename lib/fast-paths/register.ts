import { holdFastPath } from './hold';

/**
 * Called by instrumentation.ts, which Next runs once in each server process while it prepares, so
 * the fast path is compiled with the app (same modules, same aliases). scripts/serve.mjs picks it
 * up from here after `app.prepare()`; it shares the process's database pool and kv client
 * (both kept on globalThis).
 */
export function registerFastPaths(): void {
  (globalThis as typeof globalThis & { ticketboothHoldFastPath?: typeof holdFastPath }).ticketboothHoldFastPath = holdFastPath;
}
