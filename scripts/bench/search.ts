// `npm run bench:search [-- http://127.0.0.1:3400]`: 500 mixed searches over a 100,000-event
// catalogue, timed through the search driver (database time) and, given a server URL, through
// GET /api/events/search, each per query class; then the share of one-typo queries over every
// performer's name that find that performer in the first five results; then the same queries as
// a naive ILIKE scan, as a ratio. Uses its own database (BENCH_DATABASE_URL, default
// ticketbooth_bench), created and seeded when missing. The server, if given, must be started
// against that same database.
import postgres from 'postgres';
import { createDatabase } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { seed } from '@/db/seed';
import { createPostgresSearch } from '@/lib/search/postgres';
import type { SearchQuery } from '@/lib/search/types';
import { ilikeSearch } from './search-ilike';
import { benchQueries } from './search-queries';
import { typoQueries, typoRecall } from './search-typos';

const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ticketbooth_bench';
const eventCount = Number(process.env.SEED_EVENTS ?? 100_000);
const apiBase = process.argv[2];

async function prepare(): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = postgres(Object.assign(new URL(url), { pathname: '/postgres' }).toString(), { max: 1, onnotice: () => {} });
  try {
    if ((await admin`select 1 from pg_database where datname = ${name}`).length === 0) {
      await admin.unsafe(`create database "${name}"`);
    }
  } finally {
    await admin.end();
  }
  await runMigrations(url);
  const summary = await seed(url, { events: eventCount, log: (m) => console.log(`seed: ${m}`) });
  if (!summary.skipped) console.log(`seeded ${summary.events} events in ${summary.ms} ms`);
}

function percentiles(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { p50: at(50), p95: at(95), p99: at(99), mean: sorted.reduce((a, b) => a + b, 0) / sorted.length };
}

async function time(queries: SearchQuery[], run: (q: SearchQuery) => Promise<unknown>): Promise<number[]> {
  for (const q of queries.slice(0, 5)) await run(q); // warm caches and plans
  const out: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    await run(q);
    out.push(performance.now() - t);
  }
  return out;
}

const fmt = (p: ReturnType<typeof percentiles>) =>
  `p50 ${p.p50.toFixed(1)} ms  p95 ${p.p95.toFixed(1)} ms  p99 ${p.p99.toFixed(1)} ms  mean ${p.mean.toFixed(1)} ms`;

async function main() {
  await prepare();
  const { db, sql } = createDatabase(url, 4);
  try {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from events`;
    const bench = await benchQueries(sql);
    const queries = bench.map((b) => b.query);
    console.log(`${queries.length} queries over ${row?.n} events`);

    const driver = createPostgresSearch(db);
    const driverMs = await time(queries, (q) => driver.search(q));
    const byKind = (ms: number[]) => {
      const out = new Map<string, number[]>();
      bench.forEach((b, i) => out.set(b.kind, [...(out.get(b.kind) ?? []), ms[i]!]));
      return out;
    };
    const lib = percentiles(driverMs);
    console.log(`driver (database time): ${fmt(lib)}`);
    const dbByKind = byKind(driverMs);
    for (const [kind, ms] of dbByKind) console.log(`  ${kind.padEnd(16)} n=${String(ms.length).padStart(3)}  ${fmt(percentiles(ms))}`);
    const dbMet = [...dbByKind.values(), driverMs].every((ms) => percentiles(ms).p95 < 10 && percentiles(ms).p99 < 25);
    console.log(`target database p95 < 10 ms and p99 < 25 ms, overall and every class: ${dbMet ? 'met' : 'MISSED'}`);

    if (apiBase) {
      const apiMs = await time(queries, async (q) => {
        const params = new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)]));
        const res = await fetch(`${apiBase}/api/events/search?${params}`);
        if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
        await res.arrayBuffer();
      });
      const api = percentiles(apiMs);
      console.log(`API (GET /api/events/search, kv cache on): ${fmt(api)}`);
      for (const [kind, ms] of byKind(apiMs))
        console.log(`  ${kind.padEnd(16)} n=${String(ms.length).padStart(3)}  ${fmt(percentiles(ms))}`);
      console.log(`target API p95 < 20 ms: ${api.p95 < 20 ? 'met' : 'MISSED'}`);
    }

    const typos = await typoQueries(sql);
    const recall = await typoRecall(driver, typos);
    const share = (100 * recall.found) / recall.total;
    console.log(`typo recall (one slip per name, performer in the first 5): ${recall.found}/${recall.total} = ${share.toFixed(1)}%`);
    for (const m of recall.misses.slice(0, 10)) console.log(`  missed ${m.kind}: "${m.keyword}" for ${m.name}`);
    console.log(`target typo recall >= 99%: ${share >= 99 ? 'met' : 'MISSED'}`);

    // A naive scan takes the better part of a second per query at 100,000 events, so it runs on
    // every fifth query (100), compared with the driver's times for those same queries.
    const sample = queries.filter((_, i) => i % 5 === 0);
    const naive = percentiles(await time(sample, (q) => ilikeSearch(sql, q)));
    const same = percentiles(driverMs.filter((_, i) => i % 5 === 0));
    console.log(`naive ILIKE scan (${sample.length} of the queries): ${fmt(naive)}`);
    console.log(`driver, same ${sample.length} queries: ${fmt(same)}`);
    console.log(
      `ratio ILIKE / driver: p50 ${(naive.p50 / same.p50).toFixed(1)}x  p95 ${(naive.p95 / same.p95).toFixed(1)}x  p99 ${(naive.p99 / same.p99).toFixed(1)}x`,
    );
  } finally {
    await sql.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
