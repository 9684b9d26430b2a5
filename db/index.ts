import 'server-only';
import { env } from '@/lib/env';
import { createDatabase, type Database } from './client';

export type { Database, DbOrTx } from './client';

// One client per process. Cached on globalThis so dev-mode hot reloads reuse the pool.
const cache = globalThis as unknown as { __tbDb?: ReturnType<typeof createDatabase> };

function connect() {
  if (!env.DATABASE_URL) {
    throw new Error('DATABASE_URL is not set. Start the site with `npm run dev` or `npm start`, which provide one.');
  }
  cache.__tbDb ??= createDatabase(env.DATABASE_URL, env.DATABASE_POOL_MAX);
  return cache.__tbDb;
}

// Lazy so that `next build` can import route modules without a database.
export const db: Database = new Proxy({} as Database, {
  get(_target, prop) {
    const real = connect().db as unknown as Record<string | symbol, unknown>;
    const value = real[prop];
    // $client (the postgres.js client, itself a function) keeps its methods: search runs unprepared
    // statements through it (lib/search/postgres-run.ts).
    return typeof value === 'function' && prop !== '$client' ? (value as (...a: unknown[]) => unknown).bind(real) : value;
  },
});
