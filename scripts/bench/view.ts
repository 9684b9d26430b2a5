// View: the reads every fan makes on an on-sale (the stadium's event page, its seat statuses, its
// seat geometry, a search), each at the origin (one instance), behind the edge (deploy/nginx.conf
// in front of that instance) and from a bare Node server sending the same bytes, beside the
// framework's floor in the same run: a trivial route handler and a trivial server-component page.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { startEdge } from '../cluster/edge';
import { load, type LoadResult } from './load';
import { int, ms, ratio, table } from './stats';

const keptHeaders = ['content-type', 'cache-control', 'etag'];
const connections = 50;

type Recorded = Record<string, { body: string; headers: Record<string, string> }>;

async function record(baseUrl: string, paths: string[]): Promise<Recorded> {
  const recorded: Recorded = {};
  for (const p of paths) {
    const res = await fetch(baseUrl + p);
    if (!res.ok) throw new Error(`GET ${p} answered ${res.status}`);
    const body = Buffer.from(await res.arrayBuffer());
    const headers = Object.fromEntries(keptHeaders.flatMap((h) => (res.headers.get(h) ? [[h, res.headers.get(h)!]] : [])));
    recorded[p] = { body: body.toString('base64'), headers };
  }
  return recorded;
}

async function startBare(recorded: Recorded): Promise<{ url: string; stop: () => void }> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'bench-')), 'responses.json');
  writeFileSync(file, JSON.stringify(recorded));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'bare-server-child.ts'), file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  return { url, stop: () => child.kill('SIGTERM') };
}

export type Target = { name: string; value: number; target: number; p99?: number; p99Target?: number };

export type ViewReads = { eventId: string; searchPath: string };

export async function benchView(opts: { baseUrl: string; edgePort: number; reads: ViewReads; seconds: number }) {
  const { eventId } = opts.reads;
  const reads = [
    { name: 'GET /events/{id} (stadium page)', path: `/events/${eventId}` },
    { name: 'GET /api/events/{id}/availability', path: `/api/events/${eventId}/availability` },
    { name: 'GET /api/events/{id}/seats', path: `/api/events/${eventId}/seats` },
    { name: 'GET /api/events/search', path: opts.reads.searchPath },
  ];
  // The event page names its geometry with a content hash (?v=); fans load that URL.
  const html = await (await fetch(`${opts.baseUrl}/events/${eventId}`)).text();
  const hashed = new RegExp(`/api/events/${eventId}/seats\\?v=[\\w-]+`).exec(html)?.[0];
  if (hashed) reads[2]!.path = hashed;

  const recorded = await record(
    opts.baseUrl,
    reads.map((r) => r.path),
  );
  const bare = await startBare(recorded);
  const edge = await startEdge({
    port: opts.edgePort,
    dir: path.join(tmpdir(), `ticketbooth-bench-edge-${opts.edgePort}`),
    upstreams: [new URL(opts.baseUrl).host],
  });
  const rows: Array<Array<string | number>> = [];
  const targets: Target[] = [];
  const row = (name: string, bytes: number | null, r: LoadResult, cells: [string, string] = ['', '']) =>
    rows.push([name, bytes === null ? '' : `${int(bytes / 1024)} KB`, int(r.rps), ms(r.p50), ms(r.p99), ...cells, r.errors + r.non2xx]);
  try {
    const cell = (url: string) => load(url, connections, opts.seconds);
    // A short run of every URL first: the server's first requests pay for JIT compilation and
    // cold caches, which would otherwise fall on whichever cell comes first.
    for (const url of [`${opts.baseUrl}/api/ping`, `${opts.baseUrl}/ping`, ...reads.map((r) => opts.baseUrl + r.path)])
      await load(url, connections, 2);
    const trivialRoute = await cell(`${opts.baseUrl}/api/ping`);
    row('GET /api/ping (trivial route) @ origin', 0, trivialRoute);
    const trivialPage = await cell(`${opts.baseUrl}/ping`);
    const trivialPageBytes = (await (await fetch(`${opts.baseUrl}/ping`)).arrayBuffer()).byteLength;
    row('GET /ping (trivial server-component page) @ origin', trivialPageBytes, trivialPage);

    for (const read of reads) {
      const bytes = Buffer.from(recorded[read.path]!.body, 'base64').length;
      // Warm the edge (and the origin's own caches) so every cell measures the steady state.
      for (let i = 0; i < 3; i++) await fetch(edge.url + read.path).then((r) => r.arrayBuffer());
      const base = await cell(bare.url + read.path);
      const origin = await cell(opts.baseUrl + read.path);
      const behind = await cell(edge.url + read.path);
      const floor = read.path.startsWith('/api/') ? trivialRoute : trivialPage;
      row(`${read.name} @ origin`, bytes, origin, [ratio(origin.rps, base.rps), ratio(origin.rps, floor.rps)]);
      row(`${read.name} @ edge`, bytes, behind, [ratio(behind.rps, base.rps), '']);
      row(`${read.name} @ bare Node, same bytes`, bytes, base);
      targets.push({ name: `${read.name}: edge vs bare Node`, value: behind.rps / base.rps, target: 0.5, p99: behind.p99, p99Target: 50 });
      if (read.path === `/events/${eventId}`)
        targets.push({ name: `${read.name}: origin vs trivial page`, value: origin.rps / floor.rps, target: 0.8 });
      if (read.path.endsWith('/availability'))
        targets.push({ name: `${read.name}: origin vs trivial route`, value: origin.rps / floor.rps, target: 0.8 });
    }
  } finally {
    bare.stop();
    await edge.stop();
  }
  const markdown = [
    table(['request', 'body', 'req/s', 'p50', 'p99', 'vs bare Node', 'vs trivial route or page', 'errors'], rows),
    '',
    `${connections} connections each. The edge is deploy/nginx.conf in front of the same one instance; bare Node answers with the bytes the origin sent.`,
    '',
    table(
      ['target', 'measured', 'wanted', 'met'],
      targets.map((t) => [
        t.name,
        `${t.value.toFixed(2)}×${t.p99 === undefined ? '' : `, p99 ${ms(t.p99)}`}`,
        `≥ ${t.target}×${t.p99Target === undefined ? '' : `, p99 < ${t.p99Target} ms`}`,
        t.value >= t.target && (t.p99 === undefined || t.p99 < t.p99Target!) ? 'yes' : '**no**',
      ]),
    ),
  ].join('\n');
  return { markdown, targets };
}
