import 'server-only';
import { sql } from 'drizzle-orm';
import type { Run } from './postgres-run';
import { deletions, maxEdits, typoDistance } from './typo-distance';

export type WordTerms = {
  /** The fan's word, folded; matched as a prefix ("tay" finds "taylor"). */
  word: string;
  /** Catalogue words within a typo of it ("tmasin" -> "tamsin"), nearest first. */
  corrections: string[];
};

// The catalogue's words change only when an event brings new ones, so a word's corrections are
// kept a minute per process: a typo asked a thousand times costs one lookup.
const cacheMs = 60_000;
const cacheSize = 10_000;
const cache = new Map<string, { corrections: string[]; until: number }>();

// Enough for the few real neighbours of a word; a short common word ("tour": four, hour, your)
// should not drag in everything one letter away.
const maxCorrections = 5;

/**
 * Adds to each query word of 4+ letters the catalogue words within one edit of it (two for 8+
 * letters), where an edit is a dropped, an extra, a wrong or two swapped neighbouring letters
 * (Damerau). Candidates come from search_word_variants (every catalogue word with one or two
 * letters deleted) and are checked exactly here. Words the query word already begins are left
 * out: the prefix match finds them. One round trip for all words.
 */
export async function expandWords(run: Run, words: string[]): Promise<WordTerms[]> {
  const now = Date.now();
  const missing = words.filter((w) => maxEdits(w) > 0 && !((cache.get(w)?.until ?? 0) > now));
  if (missing.length) {
    const variants = [...new Set(missing.flatMap((w) => deletions(w, maxEdits(w))))];
    const rows = await run<{ word: string }>(
      sql`select distinct word from search_word_variants where variant = any(${sql.param(variants)}::text[])`,
    );
    for (const word of missing) {
      const edits = maxEdits(word);
      const near = rows
        .map((r) => r.word)
        .filter((c) => !c.startsWith(word))
        .map((c) => ({ c, d: typoDistance(word, c, edits) }))
        .filter((x) => x.d <= edits)
        .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
        .slice(0, maxCorrections);
      cache.delete(word);
      cache.set(word, { corrections: near.map((x) => x.c), until: now + cacheMs });
      if (cache.size > cacheSize) cache.delete(cache.keys().next().value!);
    }
  }
  return words.map((word) => ({ word, corrections: maxEdits(word) ? (cache.get(word)?.corrections ?? []) : [] }));
}
