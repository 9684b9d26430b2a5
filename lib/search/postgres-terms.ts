import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';

export type WordTerms = {
  /** The fan's word, folded; matched as a prefix ("tay" finds "taylor"). */
  word: string;
  /** Catalogue words it probably meant, when it is a typo ("metalica" -> "metallica"). */
  corrections: string[];
};

type Row = { ord: number; known: boolean; similar: { word: string; sim: number }[] };

// A close second is kept (both "beyonce" and "beyonces" for "beyonse"), a distant one is not:
// "metalica" should not also bring every event that merely mentions "metal".
const closeEnough = 0.1;

/**
 * Widens each query word that begins no catalogue word (a probable typo) to its nearest catalogue
 * words by trigram similarity. A word that does begin one is left alone, so "rock" never drifts to
 * "rick". One round trip for all words, against the small search_words table.
 */
export async function expandWords(db: DbOrTx, words: string[]): Promise<WordTerms[]> {
  if (words.length === 0) return [];
  const values = sql.join(
    words.map((w, i) => sql`(${i}::int, search_fold(${w}::text))`),
    sql`, `,
  );
  const rows = (await db.execute(sql`
    select t.ord,
      exists (select 1 from search_words s where s.word like t.w || '%') as known,
      coalesce((
        select json_agg(json_build_object('word', x.word, 'sim', x.sim) order by x.sim desc, x.word)
        from (
          select s.word, similarity(s.word, t.w) as sim from search_words s
          where s.word % t.w order by sim desc, s.word limit 3
        ) x
      ), '[]'::json) as similar
    from (values ${values}) as t(ord, w)`)) as unknown as Row[];

  return words.map((word, i) => {
    const row = rows.find((r) => r.ord === i);
    if (!row || row.known || row.similar.length === 0) return { word, corrections: [] };
    const best = row.similar[0]!.sim;
    return { word, corrections: row.similar.filter((s) => s.sim >= best - closeEnough).map((s) => s.word) };
  });
}
