// `npm run dev` / `npm start`: runs the site on whatever this machine has (see site-env.ts).
// Production hosts set the variables (see README) and run `node scripts/serve.mjs` directly;
// `npm run start:cluster` runs several instances behind the edge.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { prepareSite, root, startSweeper, type Cleanup } from './site-env';

const mode = process.argv[2] === 'start' ? 'start' : 'dev';
const port = Number(process.env.PORT ?? 3000);
const env: NodeJS.ProcessEnv = { ...process.env };
const cleanups: Cleanup[] = [];

async function main() {
  env.NEXTAUTH_URL ??= `http://localhost:${port}`;
  cleanups.push(...(await prepareSite(env, { publicUrl: `http://127.0.0.1:${port}`, shared: false })));

  // Production runs scripts/serve.mjs (next start that records the socket's address, see there).
  const next =
    mode === 'start'
      ? spawn(process.execPath, [path.join(root, 'scripts/serve.mjs')], { env: { ...env, PORT: String(port) }, stdio: 'inherit' })
      : spawn(path.join(root, 'node_modules/.bin/next'), ['dev', '-p', String(port)], { env, stdio: 'inherit' });
  const stopSweeper = startSweeper(`http://127.0.0.1:${port}`, env.CRON_SECRET!);

  const shutdown = async (code: number) => {
    stopSweeper();
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
