import { spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testServerPort } from '@/lib/testing/server-env';
import { testDatabaseUrl, testKvPrefix, testRedisUrl } from '@/lib/testing/test-env';

// Issue 15, item 7: `npm run dev` / `npm start` stopped with SIGTERM or SIGINT sent to the npm
// process left the launcher, Next, the database and the stand-ins running (npm's `sh -c` died
// without passing the signal on). Runs `npm start` on the test database (no seeding) and checks
// that every port it opened is closed again after one signal to npm.

const root = path.resolve(import.meta.dirname, '..');
const ports = { site: testServerPort + 40, stripe: testServerPort + 41, pusher: testServerPort + 42 };

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

async function until(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

describe('the launcher', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'stops everything it started when npm gets %s',
    async (signal) => {
      // Without Stripe and Pusher settings the launcher starts their local stand-ins too.
      const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(STRIPE|PUSHER)_/.test(k)));
      const npm = spawn('npm', ['start'], {
        cwd: root,
        stdio: 'ignore',
        env: {
          ...inherited,
          PORT: String(ports.site),
          STRIPE_STANDIN_PORT: String(ports.stripe),
          PUSHER_STANDIN_PORT: String(ports.pusher),
          DATABASE_URL: testDatabaseUrl,
          REDIS_URL: testRedisUrl,
          KV_PREFIX: `${testKvPrefix}launch:`,
          SEED: '0',
          NEXTAUTH_SECRET: 'launch-test-secret-launch-test-secret',
          NODE_ENV: 'production',
        },
      });
      try {
        const up = await until(
          async () =>
            fetch(`http://127.0.0.1:${ports.site}/api/health`).then(
              (r) => r.ok,
              () => false,
            ),
          60_000,
        );
        expect(up).toBe(true);
        expect(await listening(ports.stripe)).toBe(true);
        expect(await listening(ports.pusher)).toBe(true);

        npm.kill(signal);
        const closed = await until(
          async () => !(await listening(ports.site)) && !(await listening(ports.stripe)) && !(await listening(ports.pusher)),
          15_000,
        );
        expect(closed).toBe(true);
      } finally {
        npm.kill('SIGKILL');
      }
    },
    120_000,
  );
});
