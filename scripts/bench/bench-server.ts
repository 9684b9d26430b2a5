// The server under benchmark: the production build with the bench database, its own key prefix
// and the local stand-ins, on ports of its own so it never meets a developer's or the tests'.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startStandIns } from '../standins';

// BENCH_PORT (and BENCH_KV_PREFIX) let two working copies bench side by side.
export const benchPort = Number(process.env.BENCH_PORT ?? 3700);
export const benchUrl = `http://127.0.0.1:${benchPort}`;
export const benchSecret = 'bench-secret-bench-secret-bench-secret';
export const benchCronSecret = 'bench-cron-secret-bench-cron-secret';
// The app's pool; the on-sale's same-work baseline uses as many connections.
export const benchPoolMax = 20;
// Short holds so the on-sale sees holds lapse within the run.
export const benchHoldSeconds = 12;

function serverCpuMs(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  try {
    // /proc/<pid>/stat: utime and stime are fields 14 and 15, in clock ticks (100 per second on Linux).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

export async function startBenchServer(databaseUrl: string, redisUrl: string) {
  const root = path.resolve(import.meta.dirname, '../..');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    KV_PREFIX: process.env.BENCH_KV_PREFIX ?? 'bench:',
    NEXTAUTH_SECRET: benchSecret,
    NEXTAUTH_URL: benchUrl,
    CRON_SECRET: benchCronSecret,
    HOLD_MINUTES: String(benchHoldSeconds / 60),
    DATABASE_POOL_MAX: String(benchPoolMax),
    // Server-Timing spans on API responses: the on-sale's breakdown of a hold.
    SERVER_TIMING: '1',
    // Every virtual fan comes from 127.0.0.1: a per-IP limit sized for real traffic would refuse
    // the crowd. Per-fan limits stay at their defaults.
    RATE_LIMIT_RESERVE_IP: '1000000/60',
  };
  const cleanups = await startStandIns(env, benchUrl, { stripe: benchPort + 1, pusher: benchPort + 2 });
  // BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops (issue 13's breakdown).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const next = spawn(process.execPath, [...profile, path.join(root, 'scripts/serve.mjs')], {
    cwd: root,
    env: { ...env, PORT: String(benchPort) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // Warnings are passed through and kept, so a run can report what the server said under load
  // (issue 17: a healthy Redis must never be called unavailable).
  const warnings: string[] = [];
  next.stderr.setEncoding('utf8');
  next.stderr.on('data', (chunk: string) => {
    process.stderr.write(chunk);
    warnings.push(...chunk.split('\n').filter(Boolean));
  });
  const deadline = Date.now() + 60_000;
  while (
    !(await fetch(`${benchUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (Date.now() > deadline || next.exitCode !== null) throw new Error('bench server did not start');
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    env,
    /** CPU time (user + system, ms) the server process has used so far: per request, it does not
     * depend on how busy the rest of the machine is, unlike latency. */
    cpuMs: () => serverCpuMs(next.pid),
    /** Lines the server logged to stderr since it started that match `pattern`. */
    logged: (pattern: RegExp) => warnings.filter((line) => pattern.test(line)),
    stop: async () => {
      next.kill('SIGTERM');
      for (const c of cleanups) await c().catch(() => {});
    },
  };
}
