// The server the HTTP tests and Playwright journeys drive: the production build on port 3100
// (TEST_PORT)
// with the test database, the test key prefix and the local stand-ins on fixed test ports.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { testBaseUrl, testServerEnv, testStandInPorts } from '../../lib/testing/server-env';
import { startStandIns } from '../standins';

const root = path.resolve(import.meta.dirname, '../..');
const env: NodeJS.ProcessEnv = { ...process.env, ...testServerEnv };
// Playwright runs with the react-server condition for its fixtures (scripts/test/run.ts); Next
// chooses its own conditions per bundle and must not inherit it.
env.NODE_OPTIONS = env.NODE_OPTIONS?.replace(/--conditions[= ]react-server/g, '').trim() || undefined;
const cleanups = await startStandIns(env, testBaseUrl, testStandInPorts);
// The same entry point as `npm start` in production (scripts/serve.mjs).
const next = spawn(process.execPath, [path.join(root, 'scripts/serve.mjs')], { cwd: root, env, stdio: 'inherit' });

const stop = async (code: number) => {
  next.kill('SIGTERM');
  for (const c of cleanups) await c().catch(() => {});
  process.exit(code);
};
next.on('exit', (code) => void stop(code ?? 0));
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
