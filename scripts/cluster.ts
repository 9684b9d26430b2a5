// `npm run start:cluster [-- --instances N]`: the production build as N instances on this machine
// behind the edge (deploy/nginx.conf on Debian's nginx), on Postgres and Redis they all share.
//
//   PORT             the edge's port, the site's address (default 3000)
//   CLUSTER_PORT     the first instance's port; the others follow (default PORT + 10)
//   CLUSTER_INSTANCES  how many instances (default 2; --instances wins)
//
// Run `npm run build` first. Everything else is as for `npm start` (scripts/site-env.ts), except
// that a kv store inside one process cannot serve several: Redis (or Upstash) is required.
import path from 'node:path';
import { startEdge } from './cluster/edge';
import { startInstances } from './cluster/instances';
import { dataDir, prepareSite, startSweeper, type Cleanup } from './site-env';

const flag = process.argv.indexOf('--instances');
const count = Number(flag >= 0 ? process.argv[flag + 1] : (process.env.CLUSTER_INSTANCES ?? 2));
const edgePort = Number(process.env.PORT ?? 3000);
const firstPort = Number(process.env.CLUSTER_PORT ?? edgePort + 10);
const cleanups: Cleanup[] = [];

async function main() {
  if (!Number.isInteger(count) || count < 1 || count > 64) throw new Error('--instances takes a whole number from 1 to 64');
  const publicUrl = `http://127.0.0.1:${edgePort}`;
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
  env.NEXTAUTH_URL ??= `http://localhost:${edgePort}`;
  // The stand-ins deliver Stripe's webhooks through the edge, as Stripe would.
  cleanups.push(...(await prepareSite(env, { publicUrl, shared: true })));
  // The edge is the one proxy in front: the client is the entry it appends to X-Forwarded-For.
  env.TRUSTED_PROXY_HOPS ??= '1';

  const ports = Array.from({ length: count }, (_, i) => firstPort + i);
  const instances = await startInstances({ ports, env });
  cleanups.push(instances.stop);
  const edge = await startEdge({ port: edgePort, dir: path.join(dataDir, 'edge'), upstreams: ports.map((p) => `127.0.0.1:${p}`) });
  cleanups.push(edge.stop);
  const stopSweeper = startSweeper(publicUrl, env.CRON_SECRET!);
  cleanups.push(async () => stopSweeper());
  console.log(`cluster: ${count} instances on ports ${ports.join(', ')} behind the edge at ${publicUrl}`);

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const c of cleanups.reverse()) await c().catch(() => {});
    process.exit(code);
  };
  for (const { process: child, port } of instances.list) {
    child.on('exit', (code) => {
      if (stopping) return;
      console.error(`cluster: the instance on port ${port} exited (${code}); stopping the cluster`);
      void shutdown(1);
    });
  }
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
}

main().catch(async (error) => {
  console.error(error);
  for (const c of cleanups.reverse()) await c().catch(() => {});
  process.exit(1);
});
