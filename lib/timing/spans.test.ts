import { describe, expect, it } from 'vitest';
import { addSpan, span, withServerTiming } from './spans';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Server-Timing spans', () => {
  it('sums each span of a request into one Server-Timing header, with the total', async () => {
    const response = await withServerTiming(async () => {
      await span('db', () => pause(20));
      await span('db', () => pause(20));
      addSpan('db-exec', 3.5);
      return Response.json({ ok: true });
    });
    const header = response.headers.get('server-timing')!;
    const spans = Object.fromEntries(header.split(', ').map((p) => [p.split(';')[0], Number(p.split('dur=')[1])]));
    expect(spans.db).toBeGreaterThanOrEqual(38);
    expect(spans['db-exec']).toBe(3.5);
    expect(spans.total).toBeGreaterThanOrEqual(spans.db!);
  });

  it('keeps concurrent requests apart, copies an immutable response, and records nothing outside a request', async () => {
    const [a, b] = await Promise.all([
      withServerTiming(async () => (await span('a', () => pause(5)), new Response('a'))),
      withServerTiming(async () => (await span('b', () => pause(5)), Response.redirect('http://127.0.0.1/x', 303))),
    ]);
    expect(a.headers.get('server-timing')).toMatch(/^a;dur=[\d.]+, total;dur=/);
    expect(b.headers.get('server-timing')).toMatch(/^b;dur=[\d.]+, total;dur=/);
    expect(b.status).toBe(303);
    await expect(span('outside', async () => 42)).resolves.toBe(42);
  });
});
