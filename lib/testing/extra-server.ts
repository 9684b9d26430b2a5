import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { testServerEnv } from './server-env';

// Another instance of the built app beside the test server, with settings of its own (tighter
// limits, a different proxy setting, its own key prefix), started by the tests that need it.

const root = path.resolve(import.meta.dirname, '../..');

export type ExtraServer = { url: string; log: () => Promise<string>; stop: () => Promise<void> };

export async function startExtraServer(port: number, overrides: Record<string, string>): Promise<ExtraServer> {
  const logFile = path.join(root, '.test-results', `server-${port}.log`);
  await mkdir(path.dirname(logFile), { recursive: true });
  const out = createWriteStream(logFile);
  const env = { ...process.env, ...testServerEnv, PORT: String(port), NEXTAUTH_URL: `http://127.0.0.1:${port}`, ...overrides };
  const child = spawn(process.execPath, [path.join(root, 'scripts/serve.mjs')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (
    !(await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null) throw new Error(`extra server on ${port} exited: ${await readFile(logFile, 'utf8')}`);
    if (Date.now() > deadline) throw new Error(`extra server on ${port} did not start`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    log: () => readFile(logFile, 'utf8'),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
