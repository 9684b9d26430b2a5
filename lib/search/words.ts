// How both drivers and the highlighter cut text into words: accents and case folded away, split
// on anything that is not a letter or digit. The result can never carry query syntax (quotes,
// operators, wildcards), which is what makes it safe to build tsqueries and LIKE patterns from.

const maxWords = 8;
const maxWordLength = 40;

export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** Up to eight distinct folded words of a fan's query, in order. */
export function searchWords(keyword: string | undefined): string[] {
  if (!keyword) return [];
  const words = fold(keyword)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => w.slice(0, maxWordLength));
  return [...new Set(words)].slice(0, maxWords);
}

/**
 * Whether a word only ranks and does not filter: a single letter beside longer words (the "s" of
 * "Coral's", an initial as in "t gray"). As a prefix it stands for every catalogue word beginning
 * with that letter, so requiring it narrows almost nothing and costs the most; results that also
 * hold it still rank first. A query of single letters alone keeps them all required.
 */
export function ranksOnly(word: string, words: string[]): boolean {
  return [...word].length === 1 && words.some((w) => [...w].length > 1);
}
