import type postgres from 'postgres';
import type { SearchQuery } from '@/lib/search/types';
import { mulberry32 } from '@/db/seed/random';

// The benchmark's query mix, drawn from the seeded catalogue with a fixed seed so every run asks
// the same 500 questions: what fans type (artists, cities, a word or two, typos, the first
// letters) and date-range browsing, with and without a keyword.

export type BenchQuery = { kind: string; query: SearchQuery };

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export async function benchQueries(sql: postgres.Sql, count = 500): Promise<BenchQuery[]> {
  const random = mulberry32(20261128);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
  const performers = (await sql<{ name: string }[]>`select name from performers order by name`).map((r) => r.name);
  const cities = (await sql<{ city: string }[]>`select distinct city from venues order by city`).map((r) => r.city);
  const words = (name: string) => name.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 4);
  const typo = (word: string) => {
    const i = 1 + Math.floor(random() * (word.length - 2));
    const edits = [
      () => word.slice(0, i) + word.slice(i + 1), // drop a letter
      () => word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2), // swap two
      () => word.slice(0, i) + pick([...'aeiourstn']) + word.slice(i + 1), // wrong letter
    ];
    return pick(edits)();
  };
  const range = () => {
    const start = new Date(Date.now() + Math.floor(random() * 300) * 86_400_000);
    const end = new Date(start.getTime() + (1 + Math.floor(random() * 30)) * 86_400_000);
    return { start: isoDay(start), end: isoDay(end) };
  };
  const kinds: Array<[string, number, () => Partial<SearchQuery>]> = [
    ['performer', 0.25, () => ({ keyword: pick(performers) })],
    ['one word', 0.15, () => ({ keyword: pick(words(pick(performers))) ?? 'tour' })],
    ['typo', 0.15, () => ({ keyword: typo(pick(words(pick(performers))) ?? 'concert') })],
    ['prefix', 0.1, () => ({ keyword: (pick(words(pick(performers))) ?? 'tour').slice(0, 3 + Math.floor(random() * 2)) })],
    ['two words', 0.1, () => ({ keyword: `${pick(words(pick(performers))) ?? 'live'} ${pick(cities)}` })],
    ['city', 0.1, () => ({ keyword: pick(cities) })],
    ['date range', 0.1, () => ({ ...range(), ...(random() < 0.5 ? { city: pick(cities) } : {}) })],
    ['keyword + dates', 0.05, () => ({ keyword: pick(performers), ...range() })],
  ];
  return Array.from({ length: count }, () => {
    let r = random();
    const [kind, , make] = kinds.find(([, share]) => (r -= share) < 0) ?? kinds[0]!;
    const page = random() < 0.1 ? 2 : 1;
    return { kind, query: { page, limit: 20, ...make() } };
  });
}
