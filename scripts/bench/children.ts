import { spawn } from 'node:child_process';

/** Runs a benchmark script in its own process and returns what it printed. */
export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    // react-server: the scripts import server-only modules, as the server itself does.
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', script, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      process.stdout.write(d);
    });
    child.on('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`${script} exited with ${code}`))));
  });
}
