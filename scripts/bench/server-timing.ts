import { summarise } from './stats';

/** Parses `name;dur=1.2, other;dur=3` (lib/timing/spans.ts) into name -> ms. */
export function parseServerTiming(header: string | null): Map<string, number> {
  const spans = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().split(';');
    const dur = params.map((p) => p.trim()).find((p) => p.startsWith('dur='));
    if (name && dur) spans.set(name, Number(dur.slice(4)));
  }
  return spans;
}

/** Collects the spans of many responses; `rows()` gives each span's mean and percentiles. */
export class SpanStats {
  private readonly samples = new Map<string, number[]>();
  private count = 0;

  add(header: string | null): void {
    const spans = parseServerTiming(header);
    if (spans.size === 0) return;
    this.count++;
    for (const [name, ms] of spans) {
      const list = this.samples.get(name) ?? [];
      list.push(ms);
      this.samples.set(name, list);
    }
  }

  get responses(): number {
    return this.count;
  }

  /** Mean over every response (a span a response did not have counts as 0), p50, p99. */
  rows(): Array<{ name: string; mean: number; p50: number; p99: number }> {
    return [...this.samples].map(([name, list]) => {
      const s = summarise(list);
      return { name, mean: list.reduce((a, b) => a + b, 0) / this.count, p50: s.p50, p99: s.p99 };
    });
  }
}
