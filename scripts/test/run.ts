// `npm test`: every test, against the real Postgres and Redis and a production build.
// 1. prepare the test database and key prefix; 2. `next build`; 3. start the built server;
// 4. vitest (unit, integration, HTTP API); 5. Playwright journeys in Chromium;
// 6. one closing line: "N passed, N failed".
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { prepareTestStores } from '../../lib/testing/prepare-database';
import { testBaseUrl } from '../../lib/testing/server-env';
import { countPlaywright, countVitest, type Counts } from './counts';

const root = path.resolve(import.meta.dirname, '../..');
const results = path.join(root, '.test-results');
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

async function waitForHealth(server: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`test server exited with ${server.exitCode}`);
    const ok = await fetch(`${testBaseUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error('test server did not become healthy');
}

function withReactServer(nodeOptions: string | undefined): string {
  return [nodeOptions, '--conditions=react-server'].filter(Boolean).join(' ');
}

function readCounts(file: string, count: (json: unknown) => Counts): Counts {
  try {
    return count(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return { passed: 0, failed: 1 }; // a suite that wrote no report did not pass
  }
}

async function main() {
  rmSync(results, { recursive: true, force: true });
  await prepareTestStores({ fresh: true });
  const env = { ...process.env, TB_TEST_STORES_READY: '1', NEXT_TELEMETRY_DISABLED: '1' };

  if (process.env.SKIP_BUILD !== '1') {
    const built = await run(bin('next'), ['build'], { ...env, NODE_ENV: 'production' });
    if (built !== 0) {
      console.log('\n0 passed, 1 failed');
      process.exit(1);
    }
  }

  const server = spawn(bin('tsx'), ['scripts/test/server.ts'], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
  let counts: Counts = { passed: 0, failed: 0 };
  try {
    await waitForHealth(server);
    await run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}/vitest.json`], env);
    // react-server: the journeys' fixtures put events on through lib/catalogue, whose modules
    // import 'server-only', as the server's own do (vitest aliases it instead).
    await run(bin('playwright'), ['test'], { ...env, NODE_OPTIONS: withReactServer(process.env.NODE_OPTIONS) });
    const v = readCounts(path.join(results, 'vitest.json'), countVitest);
    const p = readCounts(path.join(results, 'playwright.json'), countPlaywright);
    counts = { passed: v.passed + p.passed, failed: v.failed + p.failed };
    console.log(`\nvitest: ${v.passed} passed, ${v.failed} failed; playwright: ${p.passed} passed, ${p.failed} failed`);
  } catch (error) {
    console.error(error);
    counts.failed += 1;
  } finally {
    server.kill('SIGTERM');
  }
  console.log(`${counts.passed} passed, ${counts.failed} failed`);
  process.exit(counts.failed === 0 && counts.passed > 0 ? 0 : 1);
}

void main();
