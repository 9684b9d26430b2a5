import type postgres from 'postgres';
import type { SearchDriver } from '@/lib/search/types';
import { mulberry32 } from '@/db/seed/random';

// Typo recall: for every performer with an upcoming show, one query per kind of slip (two
// neighbouring letters swapped, a letter dropped, one added, one wrong) in one of the words of 4+
// letters of the name, anywhere in the word, first letter included; the slipped word keeps 4+
// letters (a drop only in words of 5+), since shorter words are matched as typed, as with
// Elasticsearch's AUTO:4,8. A query counts as found when that performer is in the first five.

export type TypoQuery = { kind: string; performerId: string; name: string; keyword: string };

export const typoKinds = ['swap', 'drop', 'insert', 'substitution'] as const;

export async function typoQueries(sql: postgres.Sql): Promise<TypoQuery[]> {
  const random = mulberry32(20261203);
  const int = (n: number) => Math.floor(random() * n);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const performers = await sql<{ id: string; name: string }[]>`
    select p.id, p.name from performers p
    where exists (select 1 from events e where e.performer_id = p.id and e.date >= now())
    order by p.name`;
  const edit: Record<(typeof typoKinds)[number], (w: string) => string> = {
    swap: (w) => {
      const i = int(w.length - 1);
      return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
    },
    drop: (w) => {
      const i = int(w.length);
      return w.slice(0, i) + w.slice(i + 1);
    },
    insert: (w) => {
      const i = int(w.length + 1);
      return w.slice(0, i) + letters[int(26)] + w.slice(i);
    },
    substitution: (w) => {
      const i = int(w.length);
      const others = [...letters].filter((c) => c !== w[i]!.toLowerCase());
      return w.slice(0, i) + others[int(others.length)] + w.slice(i + 1);
    },
  };
  const out: TypoQuery[] = [];
  for (const p of performers) {
    const words = p.name.split(/\s+/);
    for (const kind of typoKinds) {
      const min = kind === 'drop' ? 5 : 4;
      const long = words.map((w, i) => [w, i] as const).filter(([w]) => new RegExp(`^\\p{L}{${min},}$`, 'u').test(w));
      if (long.length === 0) continue;
      let keyword = p.name;
      // A swap of two equal letters is no slip at all: draw again.
      for (let tries = 0; tries < 10 && keyword.toLowerCase() === p.name.toLowerCase(); tries++) {
        const [word, at] = long[int(long.length)]!;
        keyword = words.map((w, i) => (i === at ? edit[kind](word) : w)).join(' ');
      }
      out.push({ kind, performerId: p.id, name: p.name, keyword });
    }
  }
  return out;
}

/** Share of typo queries that find their performer in the first five results, and the misses. */
export async function typoRecall(driver: SearchDriver, queries: TypoQuery[]) {
  const misses: TypoQuery[] = [];
  for (const q of queries) {
    const result = await driver.search({ keyword: q.keyword, page: 1, limit: 5 });
    if (!result.events.some((e) => e.performer.id === q.performerId)) misses.push(q);
  }
  return { found: queries.length - misses.length, total: queries.length, misses };
}
