import 'server-only';
import { sql } from 'drizzle-orm';
import type { Run } from './postgres-run';
import { deletions, maxEdits, typoDistance } from './typo-distance';

export type WordTerms = {
  /** The fan's word, folded; matched as a prefix ("tay" finds "taylor"). */
  word: string;
  /**
   * The catalogue words the prefix stands for (the word itself first), hyphenated ones too
   * ("brand-new"), or null when it stands for more than maxPrefixWords of them or the documents'
   * parser would not keep it whole: then it is matched as a tsquery prefix (`:*`), which GIN
   * answers by reading every posting list under the prefix.
   */
  prefixWords: string[] | null;
  /** Catalogue words within a typo of it ("tmasin" -> "tamsin"), nearest first. */
  corrections: string[];
};

// The catalogue's words change only when an event brings new ones, so a word's corrections are
// kept a minute per process: a typo asked a thousand times costs one lookup. The words a prefix
// stands for are kept ten seconds, as long as the API keeps an answer (cached-search.ts): a new
// event's new word is found under a prefix someone just asked for once that time is up, and at
// once when typed in full.
const correctionsMs = 60_000;
const prefixMs = 10_000;
const cacheSize = 10_000;
const correctionsCache = new Map<string, { value: string[]; until: number }>();
const prefixCache = new Map<string, { value: string[] | null; until: number }>();

function remember<T>(cache: Map<string, { value: T; until: number }>, key: string, value: T, until: number): void {
  cache.delete(key);
  cache.set(key, { value, until });
  if (cache.size > cacheSize) cache.delete(cache.keys().next().value!);
}

const fresh = <T>(cache: Map<string, { value: T; until: number }>, key: string, now: number) => (cache.get(key)?.until ?? 0) > now;

// Enough for the few real neighbours of a word; a short common word ("tour": four, hour, your)
// should not drag in everything one letter away.
const maxCorrections = 5;

// Exact words let GIN skip through a frequent word's postings to the rare word's ("band vegas"),
// where a prefix (`band:*`) first collects every posting under it into a bitmap. Past this many
// words the prefix form is as cheap.
const maxPrefixWords = 32;

/**
 * For each query word: the catalogue words it is a prefix of (search_words), and, for words of 4+
 * letters, the catalogue words within one edit of it (two for 8+ letters), where an edit is a
 * dropped, an extra, a wrong or two swapped neighbouring letters (Damerau). Typo candidates come
 * from search_word_variants (every catalogue word with one or two letters deleted) and are
 * checked exactly here. Words the query word already begins are left out: the prefix match finds
 * them. One round trip for all words.
 */
export async function expandWords(run: Run, words: string[]): Promise<WordTerms[]> {
  const now = Date.now();
  const missing = words.filter((w) => maxEdits(w) > 0 && !fresh(correctionsCache, w, now));
  const unexpanded = words.filter((w) => !fresh(prefixCache, w, now));
  if (missing.length || unexpanded.length) {
    const variants = [...new Set(missing.flatMap((w) => deletions(w, maxEdits(w))))];
    // search_fold() is the documents' own folding (unaccent knows letters NFKD leaves alone: ø,
    // ß); the range on the C-collated index finds every word beginning with it.
    const rows = await run<{ word: string; folded: string; whole: boolean; prefixes: string[]; candidates: string[] }>(sql`
      with c as (
        select coalesce(array_agg(distinct v.word), '{}') as candidates
        from search_word_variants v where v.variant = any(${sql.param(variants)}::text[])
      )
      select w.word, f.folded, c.candidates,
        -- Whether the documents' parser keeps the word whole: it reads "7e24c8ad" as the number
        -- 7e24 and the word c8ad, which only search_term() (the same parser) then finds.
        to_tsvector('simple', f.folded)::text = quote_literal(f.folded) || ':1' as whole,
        array(select x.word from search_words x
              where x.word collate "C" >= f.folded collate "C" and x.word collate "C" < (f.folded || chr(1114111)) collate "C"
              order by x.word collate "C" limit ${maxPrefixWords + 1}) as prefixes
      from unnest(${sql.param(unexpanded.length ? unexpanded : missing)}::text[]) as w(word)
      cross join lateral (select search_fold(w.word) as folded offset 0) f
      cross join c`);
    const candidates = rows[0]?.candidates ?? [];
    for (const word of missing) {
      const edits = maxEdits(word);
      const near = candidates
        .filter((c) => !c.startsWith(word))
        .map((c) => ({ c, d: typoDistance(word, c, edits) }))
        .filter((x) => x.d <= edits)
        .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
        .slice(0, maxCorrections);
      remember(
        correctionsCache,
        word,
        near.map((x) => x.c),
        now + correctionsMs,
      );
    }
    for (const row of rows) {
      if (!unexpanded.includes(row.word)) continue;
      const expanded = [row.folded, ...row.prefixes.filter((p) => p !== row.folded)];
      const exact = row.whole && row.prefixes.length <= maxPrefixWords;
      remember(prefixCache, row.word, exact ? expanded : null, now + prefixMs);
    }
  }
  return words.map((word) => ({
    word,
    prefixWords: prefixCache.get(word)?.value ?? null,
    corrections: maxEdits(word) ? (correctionsCache.get(word)?.value ?? []) : [],
  }));
}
