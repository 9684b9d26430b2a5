import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { renderNginxConf, type EdgeConfig } from './nginx-conf';

// Starts Debian's nginx with deploy/nginx.conf in the foreground, as a child of this process, so
// that `npm run start:cluster`, the cross-instance tests and the benchmark run the same edge.

export type Edge = { url: string; stop: () => Promise<void>; errors: () => string };

export function nginxBinary(): string {
  const candidates = [process.env.NGINX_BIN, '/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'];
  const found = candidates.find((c): c is string => Boolean(c) && existsSync(c!));
  if (!found) throw new Error('nginx is not installed (Debian: apt-get install nginx), or set NGINX_BIN');
  return found;
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

export async function startEdge(config: EdgeConfig): Promise<Edge> {
  const bin = nginxBinary();
  // A fresh directory each start: a cache left by an earlier run must not answer this one.
  rmSync(config.dir, { recursive: true, force: true });
  for (const sub of ['temp', 'cache']) mkdirSync(path.join(config.dir, sub), { recursive: true, mode: 0o777 });
  const conf = path.join(config.dir, 'nginx.conf');
  writeFileSync(conf, renderNginxConf(config));
  // In the foreground so it dies with us; as root, workers run as this user so they can write
  // the cache directory (nginx would otherwise drop to nobody).
  const globals = [`daemon off;`, `pid ${path.join(config.dir, 'nginx.pid')};`, ...(process.getuid?.() === 0 ? ['user root;'] : [])].join(
    ' ',
  );
  const args = ['-p', config.dir, '-c', conf, '-g', globals];
  const test = spawnSync(bin, ['-t', ...args], { encoding: 'utf8' });
  if (test.status !== 0) throw new Error(`nginx rejected ${conf}:\n${test.stderr}`);
  if (await portAnswers(config.port)) throw new Error(`port ${config.port} is already taken; the edge needs it`);

  const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const deadline = Date.now() + 10_000;
  while (!(await portAnswers(config.port))) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr}`);
    if (Date.now() > deadline) throw new Error('nginx did not start listening');
    await new Promise((r) => setTimeout(r, 50));
  }
  const errorLog = path.join(config.dir, 'error.log');
  return {
    url: `http://127.0.0.1:${config.port}`,
    errors: () => (existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : '') + stderr,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGQUIT'); // graceful: finish the requests in flight
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
