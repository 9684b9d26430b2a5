import { describe, expect, it } from 'vitest';
import { levels } from './postgres-query';
import type { WordTerms } from './postgres-terms';
import { citySize, levelSize, type WordShares } from './postgres-word-shares';

// The figures that choose how a level is read (postgres.ts): bounds from Postgres's statistics.
const stats: WordShares = {
  rows: 100_000,
  columns: new Map([
    [
      'performer_doc',
      new Map([
        ['tamsin', 0.001],
        ['gray', 0.002],
        ['grey', 0.003],
      ]),
    ],
    ['name_doc', new Map([['tamsin', 0.004]])],
    [
      'place_doc',
      new Map([
        ['san', 0.03],
        ['francisco', 0.031],
      ]),
    ],
    [
      'document',
      new Map([
        ['tamsin', 0.01],
        ['gray', 0.02],
        ['san', 0.035],
        ['francisco', 0.031],
      ]),
    ],
    ['city', new Map([['san francisco', 0.0307]])],
  ]),
};
const term = (word: string, prefixWords: string[] | null, corrections: string[] = []): WordTerms => ({ word, prefixWords, corrections });

describe('level sizes from the statistics', () => {
  it('sums a word over the level fields and takes the rarest word', () => {
    const tamsin = [term('tamsin', ['tamsin'])];
    const [performer, names] = levels(tamsin);
    expect(levelSize(stats, tamsin, performer!)).toBeCloseTo(100);
    expect(levelSize(stats, tamsin, names!)).toBeCloseTo(500);
    const city = [term('san', ['san']), term('francisco', ['francisco'])];
    const head = levels(city).find((l) => l.group === 'head')!;
    expect(levelSize(stats, city, head)).toBeCloseTo(3000);
  });

  it('counts corrections on fuzzy levels only, a word of too many words as everywhere, and an unknown word as absent', () => {
    const gray = [term('grya', ['grya'], ['gray', 'grey'])];
    const all = levels(gray);
    expect(
      levelSize(
        stats,
        gray,
        all.find((l) => l.group === 'performer' && l.match === 'exact')!,
      ),
    ).toBe(0);
    expect(
      levelSize(
        stats,
        gray,
        all.find((l) => l.group === 'performer' && l.match === 'fuzzy')!,
      ),
    ).toBeCloseTo(500);
    const wide = [term('s', null)];
    expect(levelSize(stats, wide, levels(wide)[0]!)).toBe(100_000);
  });

  it('knows a common city by its words, and nothing else', () => {
    expect(citySize(stats, ['san', 'francisco'])).toBeCloseTo(3070);
    expect(citySize(stats, ['francisco'])).toBe(0);
  });
});
