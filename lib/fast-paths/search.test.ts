import { get } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSearchCatalogue, type Catalogue } from '@/lib/search/search-fixtures';
import { testSql } from '@/lib/testing/db';
import { startExtraServer, type ExtraServer } from '@/lib/testing/extra-server';
import { baseUrl } from '@/lib/testing/http';
import { testServerEnv, testServerPort } from '@/lib/testing/server-env';

// GET /api/events/search answered on Node's socket (lib/fast-paths/search.ts; the test server runs
// scripts/serve.mjs as `npm start` does) must answer as Next's route does (a second instance with
// FAST_PATHS=0 and a search cache of its own, so each answer is computed where it is sent).
const sql = testSql();
let next: ExtraServer;
let cat: Catalogue;

beforeAll(async () => {
  next = await startExtraServer(testServerPort + 24, { FAST_PATHS: '0', KV_PREFIX: `${testServerEnv.KV_PREFIX}nofast:` });
  cat = await createSearchCatalogue(sql);
}, 90_000);
afterAll(async () => {
  await next?.stop();
  await sql.end();
});

type Answer = { status: number; headers: Record<string, string>; body: string; vary: string };
// Connection details and Next's RSC `vary` differ by pipeline, not by answer.
const transport = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'vary']);

async function send(base: string, path: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(15_000), ...init }).catch((error: unknown) => {
    throw new Error(`${init.method ?? 'GET'} ${base}${path}: ${(error as Error).message}`);
  });
  const headers = Object.fromEntries([...response.headers].filter(([name]) => !transport.has(name)));
  return { status: response.status, headers, body: await response.text(), vary: response.headers.get('vary') ?? '' };
}

const both = async (path: string, init?: RequestInit) => [await send(baseUrl, path, init), await send(next.url, path, init)] as const;
// Next compresses every answer it streams, 60 bytes or not; the socket leaves one under 1 kB as
// it is, as the compression middleware means to (where it is, the first test checks).
const same = (a: Answer) => ({ ...a, vary: null, headers: { ...a.headers, 'content-encoding': null } });

describe('the search fast path answers as Next does', () => {
  it('answers results with the same status, headers and body, compressed alike', async () => {
    const path = `/api/events/search?keyword=beyonse&city=${cat.city}&limit=3`;
    for (const encoding of ['gzip', 'deflate', 'identity']) {
      const [fast, viaNext] = await both(path, { headers: { 'accept-encoding': encoding } });
      expect(fast.status).toBe(200);
      expect(same(fast), encoding).toEqual(same(viaNext));
      expect(fast.headers['content-encoding'], encoding).toBe(encoding === 'identity' ? undefined : encoding);
      // Answered on the socket: Next adds its RSC vary to every answer; both vary on the encoding.
      expect(fast.vary).not.toContain('rsc');
      expect(viaNext.vary).toContain('rsc');
      expect(fast.vary).toContain('Accept-Encoding');
      expect((JSON.parse(fast.body) as { total: number }).total).toBe(6);
    }
  });

  it('sends compressed bytes a client can read, and leaves a small answer as it is', async () => {
    // Raw bytes (fetch would decode them): gunzip must give back the JSON.
    const url = `${baseUrl}/api/events/search?keyword=beyonce&city=${cat.city}`;
    const { status, headers, bytes } = await new Promise<{ status: number; headers: Record<string, unknown>; bytes: Buffer }>(
      (resolve, reject) => {
        get(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
        }).on('error', reject);
      },
    );
    expect((JSON.parse(gunzipSync(bytes).toString()) as { events: unknown[] }).events.length).toBeGreaterThan(0);
    expect(status).toBe(200);
    expect(headers['content-encoding']).toBe('gzip');
    const [small] = await both(`/api/events/search?keyword=nothingmatchesthis&city=${cat.city}`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(small.status).toBe(200);
    expect(small.body.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('refuses every bad query with the same 400, headers and body', async () => {
    const bad = [
      'limit=101',
      'limit=-1',
      'limit=1e9',
      'page=0',
      'page=501',
      'page=two',
      'start=05/03/2031',
      'start=2031-02-30',
      'start=2031-03-08&end=2031-03-07',
      `keyword=${'a'.repeat(201)}`,
      `keyword=${'%E2%82%AC'.repeat(300)}`,
      `city=${'x'.repeat(101)}`,
      `category=${'y'.repeat(51)}`,
      'includePast=yes',
      'page=1&page=0', // the first value counts, as in the route
      'page=0&page=1',
      'start=2031-03-05T25:00:00Z',
    ];
    for (const query of bad) {
      const [fast, viaNext] = await both(`/api/events/search?${query}`, { headers: { 'accept-encoding': 'gzip' } });
      const shown = query.slice(0, 40);
      expect(fast.status, shown).toBe(query === 'page=1&page=0' ? 200 : 400);
      expect(same(fast), shown).toEqual(same(viaNext));
      if (fast.status === 400) expect(JSON.parse(fast.body), shown).toMatchObject({ error: { code: 'bad_request' } });
    }
  });

  it('reads encoded and odd input the same way: broken escapes, a NUL, plus signs, unknown fields', async () => {
    const odd = [
      `keyword=%E0%A4%A&city=${cat.city}`,
      `keyword=beyonc%C3%A9&city=${cat.city}`,
      `keyword=%00&city=${cat.city}`,
      `keyword=taylor+swift&city=${cat.city}`,
      `keyword=taylor%20swift&city=${cat.city}&city=elsewhere&unknown=1`,
      `keyword=%3Cscript%3E&city=${cat.city}`,
      `keyword=&city=${cat.city}&start=&end=&page=&limit=`,
      `city=${cat.city}&includePast=1`,
    ];
    for (const query of odd) {
      const [fast, viaNext] = await both(`/api/events/search?${query}`, { headers: { 'accept-encoding': 'gzip' } });
      expect(fast.status, query).toBe(200);
      expect(same(fast), query).toEqual(same(viaNext));
    }
  });

  it('leaves every other request to Next: HEAD, POST, a trailing slash, an encoded letter', async () => {
    const head = await send(baseUrl, `/api/events/search?city=${cat.city}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.vary).toContain('rsc');
    const post = await send(baseUrl, '/api/events/search', { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
    expect(post.vary).toContain('rsc');
    const slash = await send(baseUrl, `/api/events/search/?city=${cat.city}`, { redirect: 'manual' });
    expect(slash.status).toBe(308); // Next's own redirect to the path without the slash
    expect(slash.headers.location).toBe(`/api/events/search?city=${cat.city}`);
    const encoded = await send(baseUrl, `/api/events/%73earch?city=${cat.city}`);
    expect(encoded.vary).toContain('rsc');
  });
});
