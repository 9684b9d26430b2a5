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
