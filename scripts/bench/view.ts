// View: the event API, the compact availability and the event page of a 40,000-seat event, at 50
// and 200 connections, each beside a bare Node server sending the same bytes.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { load } from './load';
import { int, ms, ratio, table } from './stats';

const keptHeaders = ['content-type', 'cache-control'];

async function record(baseUrl: string, paths: string[]) {
  const recorded: Record<string, { body: string; headers: Record<string, string> }> = {};
  for (const p of paths) {
    const res = await fetch(baseUrl + p);
    if (!res.ok) throw new Error(`GET ${p} answered ${res.status}`);
    const body = Buffer.from(await res.arrayBuffer());
    const headers = Object.fromEntries(keptHeaders.flatMap((h) => (res.headers.get(h) ? [[h, res.headers.get(h)!]] : [])));
    recorded[p] = { body: body.toString('base64'), headers };
  }
  return recorded;
}

async function startBare(recorded: object): Promise<{ url: string; stop: () => void }> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'bench-')), 'responses.json');
  writeFileSync(file, JSON.stringify(recorded));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'bare-server-child.ts'), file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  return { url, stop: () => child.kill('SIGTERM') };
}

export async function benchView(opts: { baseUrl: string; eventId: string; seconds: number }) {
  const paths = [`/api/events/${opts.eventId}`, `/api/events/${opts.eventId}/availability`, `/events/${opts.eventId}`];
  const recorded = await record(opts.baseUrl, paths);
  const bare = await startBare(recorded);
  const rows: Array<Array<string | number>> = [];
  const ratios: Array<{ name: string; value: number }> = [];
  try {
    for (const connections of [50, 200]) {
      // The framework's floor in the same run: a route that does nothing (DESIGN's yardstick).
      const trivial = await load(`${opts.baseUrl}/api/ping`, connections, opts.seconds);
      rows.push([`GET /api/ping (trivial Next route) @${connections}`, '0 KB', int(trivial.rps), ms(trivial.p50), ms(trivial.p99), '', '', '', trivial.errors + trivial.non2xx]);
      for (const p of paths) {
        const bytes = Buffer.from(recorded[p]!.body, 'base64').length;
        const app = await load(opts.baseUrl + p, connections, opts.seconds);
        const base = await load(bare.url + p, connections, opts.seconds);
        const name = `GET ${p.replace(opts.eventId, '{id}')} @${connections}`;
        ratios.push({ name: `${name} vs bare Node`, value: app.rps / base.rps });
        rows.push([
          name,
          `${int(bytes / 1024)} KB`,
          int(app.rps),
          ms(app.p50),
          ms(app.p99),
          int(base.rps),
          ratio(app.rps, base.rps),
          ratio(app.rps, trivial.rps),
          app.errors + app.non2xx,
        ]);
      }
    }
  } finally {
    bare.stop();
  }
  const markdown = table(
    ['request', 'body', 'req/s', 'p50', 'p99', 'bare Node, same bytes', 'vs bare Node', 'vs trivial Next route', 'errors'],
    rows,
  );
  return { markdown, ratios };
}
