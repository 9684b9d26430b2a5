// `npm run bench [-- --quick] [-- --only view]`: measures the site like an on-sale against a
// production build and the real Postgres and Redis, each part beside a bare baseline in the same
// run, and writes BENCHMARKS.md (--quick: a short smoke run that writes
// .test-results/BENCHMARKS.quick.md; --only view: the view section alone, written to
// .test-results/BENCHMARKS.view.md; --only onsale: the on-sale section alone, at full size on a
// small catalogue (320 events, 6 stadiums), written to .test-results/BENCHMARKS.onsale.md).
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { runMigrations } from '../../db/migrate';
import { seed } from '../../db/seed';
import { benchPort, benchSecret, benchUrl, startBenchServer } from './bench-server';
import { runScript } from './children';
import { describeMachine } from './machine';
import { benchOnSale } from './onsale';
import { benchRealtime } from './realtime';
import { benchView } from './view';

const quick = process.argv.includes('--quick');
const onlyFlag = process.argv.indexOf('--only');
const only = onlyFlag >= 0 ? process.argv[onlyFlag + 1] : null;
const root = path.resolve(import.meta.dirname, '../..');
const pgBase = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
// The quick and on-sale-only runs seed a small catalogue, so they keep databases of their own.
const small = quick || only === 'onsale';
const databaseUrl = `${pgBase}/${process.env.BENCH_DATABASE_NAME ?? 'ticketbooth_bench'}${quick ? '_quick' : small ? '_small' : ''}`;
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const catalogue = small ? 320 : 100_000;
process.env.NEXTAUTH_SECRET = benchSecret; // the session cookies the virtual fans carry

async function ensureDatabase() {
  const admin = postgres(`${pgBase}/postgres`, { max: 1, onnotice: () => {} });
  const name = new URL(databaseUrl).pathname.slice(1);
  if ((await admin`select 1 from pg_database where datname = ${name}`).length === 0) await admin.unsafe(`create database "${name}"`);
  await admin.end();
  await runMigrations(databaseUrl);
  await seed(databaseUrl, { events: catalogue, log: (m) => console.log(`seed: ${m}`) });
}

function build(): Promise<void> {
  if (process.env.SKIP_BUILD === '1') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, 'node_modules/.bin/next'), ['build'], {
      cwd: root,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
      stdio: 'inherit',
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error('next build failed'))));
  });
}

async function main() {
  const t0 = Date.now();
  await ensureDatabase();
  await build();
  const sql = postgres(databaseUrl, { max: 10, onnotice: () => {} });
  const server = await startBenchServer(databaseUrl, redisUrl);
  const sections: string[] = [];
  const add = (section: string) => {
    sections.push(section);
    console.log(`\n${section}\n`);
  };
  try {
    const [stadium] = await sql`
      select e.id from events e join venues v on v.id = e.venue_id
      where v.kind = 'stadium' and e.on_sale_at <= now() and e.date > now() and e.queue_mode = 'off'
        and exists (select 1 from tickets t where t.event_id = e.id)
      order by e.date limit 1`;
    if (!stadium) throw new Error('the bench catalogue has no stadium event on sale');

    const [performer] = await sql`select p.name from events e join performers p on p.id = e.performer_id where e.id = ${stadium.id}`;
    const keyword = encodeURIComponent(String(performer!.name).split(' ')[0]!.toLowerCase());

    const seconds = quick ? 2 : 10;
    if (only === 'onsale') {
      console.log('bench: on-sale');
      const onsale = await runOnSale(sql, stadium.id as string, server);
      const file = path.join(root, '.test-results/BENCHMARKS.onsale.md');
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, onsale.section);
      console.log(`\n${onsale.section}\nwritten to ${path.relative(root, file)}`);
      if (onsale.problems.length) throw new Error('the on-sale left tickets held or sold twice');
      return;
    }
    console.log('bench: view');
    const view = await benchView({
      baseUrl: benchUrl,
      // The stand-ins take BENCH_PORT + 1 and + 2.
      edgePort: benchPort + 3,
      reads: { eventId: stadium.id as string, searchPath: `/api/events/search?keyword=${keyword}` },
      seconds,
    });
    add(`## 1. View (40,000-seat event, ${seconds} s per cell)\n\n${view.markdown}`);
    if (only === 'view') {
      const file = path.join(root, '.test-results/BENCHMARKS.view.md');
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, sections.join('\n\n'));
      console.log(`written to ${path.relative(root, file)}`);
      return;
    }

    console.log('bench: on-sale');
    const onsale = await runOnSale(sql, stadium.id as string, server);
    add(onsale.section);

    console.log('bench: search');
    const search = await runScript(path.join(root, 'scripts/bench/search.ts'), [benchUrl], {
      ...process.env,
      BENCH_DATABASE_URL: databaseUrl,
      SEED_EVENTS: String(catalogue),
      SEARCH_PASSES: quick ? '1' : (process.env.SEARCH_PASSES ?? '3'),
    });
    add(`## 3. Search (${catalogue.toLocaleString('en-US')} events)\n\n\`\`\`\n${search}\n\`\`\``);

    console.log('bench: realtime');
    const realtime = await benchRealtime({ sql, baseUrl: benchUrl, env: server.env, clients: quick ? 20 : 200, changes: quick ? 5 : 20 });
    add(`## 4. Realtime fan-out\n\n${realtime.markdown}`);

    console.log('bench: gate');
    const gate = await runScript(path.join(root, 'scripts/bench/gate.ts'), [], process.env);
    add(`## 5. Waiting-room gate\n\n\`\`\`\n${gate}\n\`\`\``);

    const missed = view.targets.filter((t) => t.value < t.target || (t.p99 !== undefined && t.p99 >= t.p99Target!));
    const worst = [
      ...view.targets.map((t) => ({ name: t.name, value: t.value / t.target })),
      { name: 'on-sale holds/s vs raw SQL', value: onsale.ratio / 0.5 },
    ].sort((a, b) => a.value - b.value)[0]!;
    const report = [
      '# Benchmarks',
      '',
      `Written by \`npm run bench${quick ? ' -- --quick' : ''}\` on ${new Date().toISOString().slice(0, 10)} in ${Math.round((Date.now() - t0) / 1000)} s.`,
      '',
      await describeMachine(sql, redisUrl),
      '',
      `Furthest from its target in this run: **${worst.name}** (${worst.value.toFixed(2)}× of the target). View targets missed: ${missed.length === 0 ? 'none' : missed.map((t) => t.name).join('; ')}.`,
      '',
      ...sections.flatMap((s) => [s, '']),
      // Measurements from earlier code, kept by hand: a run can only measure the code it runs.
      readFileSync(path.join(import.meta.dirname, 'history.md'), 'utf8'),
    ].join('\n');
    const file = quick ? path.join(root, '.test-results/BENCHMARKS.quick.md') : path.join(root, 'BENCHMARKS.md');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, report);
    console.log(`\n${report}\nwritten to ${path.relative(root, file)}`);
    if (onsale.problems.length) throw new Error('the on-sale left tickets held or sold twice');
  } finally {
    await server.stop();
    await sql.end();
  }
}

async function runOnSale(sql: postgres.Sql, stadiumId: string, server: { logged: (pattern: RegExp) => string[]; cpuMs: () => number }) {
  const onsale = await benchOnSale({
    sql,
    databaseUrl,
    baseUrl: benchUrl,
    fans: quick ? 300 : 5_000,
    concurrency: quick ? 20 : 100,
    stadiumId,
    bestRequests: quick ? 60 : 400,
    serverCpuMs: server.cpuMs,
  });
  const kvComplaints = server.logged(/kv[^\n]*unavailable|count per instance/).length;
  const section = `## 2. On-sale\n\n${onsale.markdown}\n\nServer log during the run (Redis healthy): ${kvComplaints} "kv unavailable" warnings.`;
  return { ...onsale, section };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
