import { fold } from './words';

export type Segment = { text: string; match: boolean };

/**
 * Cuts `text` into runs, marking each word whose folded form starts with one of `terms` (the
 * folded words a search matched, typo corrections included), so "Beyoncé" lights up for
 * "beyonce" and "Taylor" for the prefix "tay".
 */
export function highlightSegments(text: string, terms: readonly string[]): Segment[] {
  if (terms.length === 0) return [{ text, match: false }];
  const segments: Segment[] = [];
  let last = 0;
  for (const m of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    const word = fold(m[0]);
    if (!terms.some((t) => word.startsWith(t))) continue;
    if (m.index > last) segments.push({ text: text.slice(last, m.index), match: false });
    segments.push({ text: m[0], match: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), match: false });
  return segments;
}
