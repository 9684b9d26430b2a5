import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';

// N instances of the production build (scripts/serve.mjs), each on a port of its own with the
// same environment: everything they share lives in Postgres, Redis and Pusher.

const root = path.resolve(import.meta.dirname, '../..');

export type Instance = { port: number; url: string; process: ChildProcess };
export type Instances = { list: Instance[]; stop: () => Promise<void> };

export async function startInstances(opts: { ports: number[]; env: NodeJS.ProcessEnv; logDir?: string }): Promise<Instances> {
  const list = opts.ports.map((port): Instance => {
    const child = spawn(process.execPath, [path.join(root, 'scripts/serve.mjs')], {
      cwd: root,
      env: { ...opts.env, PORT: String(port) },
      stdio: ['ignore', opts.logDir ? 'pipe' : 'inherit', opts.logDir ? 'pipe' : 'inherit'],
    });
    if (opts.logDir) {
      mkdirSync(opts.logDir, { recursive: true });
      const log = createWriteStream(path.join(opts.logDir, `instance-${port}.log`));
      child.stdout!.pipe(log);
      child.stderr!.pipe(log);
    }
    return { port, url: `http://127.0.0.1:${port}`, process: child };
  });
  const stop = async () => {
    await Promise.all(
      list.map(async ({ process: child }) => {
        if (child.exitCode !== null) return;
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }),
    );
  };
  try {
    const deadline = Date.now() + 90_000;
    for (const instance of list) {
      while (
        !(await fetch(`${instance.url}/api/health`).then(
          (r) => r.ok,
          () => false,
        ))
      ) {
        if (instance.process.exitCode !== null) throw new Error(`instance on ${instance.port} exited with ${instance.process.exitCode}`);
        if (Date.now() > deadline) throw new Error(`instance on ${instance.port} did not become healthy`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { list, stop };
}
