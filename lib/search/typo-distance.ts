// Typo arithmetic shared by the Postgres driver and its tests: how many edits a word may carry,
// the distance between two words, and the deletions that find candidates.

/** Edits forgiven in a folded word: none under 4 letters, one from 4, two from 8 (as ES AUTO:4,8). */
export function maxEdits(word: string): number {
  const n = [...word].length;
  return n >= 8 ? 2 : n >= 4 ? 1 : 0;
}

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
 * neighbouring letters each count one. Stops early and returns `limit + 1` once past `limit`.
 */
export function typoDistance(a: string, b: string, limit: number): number {
  const s = [...a];
  const t = [...b];
  if (Math.abs(s.length - t.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      current.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return Math.min(previous[t.length]!, limit + 1);
}

/** The word and every way to delete up to `edits` letters from it (search_word_deletions in SQL). */
export function deletions(word: string, edits: number): string[] {
  const out = new Set([word]);
  let frontier = [word];
  for (let e = 0; e < edits; e++) {
    const next: string[] = [];
    for (const w of frontier) {
      const letters = [...w];
      for (let i = 0; i < letters.length; i++) {
        const d = [...letters.slice(0, i), ...letters.slice(i + 1)].join('');
        if (!out.has(d)) {
          out.add(d);
          next.push(d);
        }
      }
    }
    frontier = next;
  }
  return [...out];
}
