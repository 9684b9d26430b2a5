import { describe, expect, it, vi } from 'vitest';
import { levels } from './postgres-query';
import type { WordTerms } from './postgres-terms';
import type { Run } from './postgres-run';
import { boundWords, citySize, levelSize, levelsToRead, performerSize, wordSharesReader, type WordShares } from './postgres-word-shares';

// The figures that choose how a level is read (postgres.ts): bounds from Postgres's statistics.
const stats: WordShares = {
  rows: 100_000,
  upcoming: 1,
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
        ['sole', 0.001],
        ['sol', 0.011],
        ['solenne', 0.012],
        ['sold', 0.19],
        ['solo', 0.02],
      ]),
    ],
    ['city', new Map([['san francisco', 0.0307]])],
    [
      'performer_name',
      new Map([
        ['tamsin gray', 0.012],
        ['mercy street serenade', 0.019],
      ]),
    ],
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

describe('proving "1,000+" from a subset of the matches', () => {
  const sole = [term('sole', ['sole', 'solenne'], ['sol', 'sold', 'solo'])];

  it("takes a word's rarest variants until the statistics expect enough, or one that is enough alone if that is fewer", () => {
    // 2,002 of 100,000: sole (100) + sol (1,100) + solenne (1,200) is enough, sold alone is 19,000.
    expect(boundWords(stats, sole, 2002)).toEqual({ words: [['sole', 'sol', 'solenne']], whole: false });
    // 3,100: solo alone (2,000) is too few; the four rarest hold 4,400, fewer than sold's 19,000.
    expect(boundWords(stats, sole, 3100)).toEqual({ words: [['sole', 'sol', 'solenne', 'solo']], whole: false });
    expect(boundWords(stats, sole, 10_000)).toEqual({ words: [['sold']], whole: false });
    // Every variant holds 23,400: too few for 30,000, enough for half of it, counted whole.
    expect(boundWords(stats, sole, 30_000)).toEqual({ words: [['sole', 'solenne', 'sol', 'sold', 'solo']], whole: true });
    expect(boundWords(stats, sole, 46_801)).toBeNull();
  });

  it('asks for more shows when some of them are past', () => {
    expect(boundWords({ ...stats, upcoming: 0.5 }, sole, 2002)).toEqual({ words: [['sole', 'sol', 'solenne', 'solo']], whole: false });
  });

  it('takes every variant of each of several words when the rarest is common enough, and the words a short prefix begins', () => {
    const two = [term('san', ['san']), term('grya', ['grya'], ['gray', 'grey'])];
    expect(boundWords(stats, two, 2000)).toEqual({ words: [['san'], ['grya', 'gray', 'grey']], whole: true });
    expect(boundWords(stats, two, 2001)).toBeNull();
    expect(boundWords(stats, [term('so', null)], 15_000)).toEqual({ words: [['sold']], whole: false });
  });

  it('finds the common performers whose names the words begin, and reads their level first', () => {
    expect(performerSize(stats, [term('mercy', ['mercy']), term('ser', ['serenade'])])).toBeCloseTo(1900);
    expect(performerSize(stats, [term('gray', ['gray'])])).toBeCloseTo(1200);
    expect(performerSize(stats, [term('mercy', ['mercy']), term('gray', ['gray'])])).toBe(0);
    const mercy = [term('mercy', ['mercy']), term('street', ['street'])];
    expect(levelsToRead(stats, mercy, levels(mercy), 20)).toBe(1);
    expect(levelsToRead(stats, mercy, levels(mercy), 400)).toBe(levels(mercy).length);
    // One word: the level's own figure. "francisco" is no performer's and no show's name, and in
    // the place of 3,100 shows: the third level.
    const francisco = [term('francisco', ['francisco'])];
    expect(levelsToRead(stats, francisco, levels(francisco), 20)).toBe(3);
    expect(levelsToRead(stats, francisco, levels(francisco), 1000)).toBe(4);
    // Several words: the venue-and-city level only when they spell a common city.
    const city = [term('san', ['san']), term('francisco', ['francisco'])];
    expect(levelsToRead(stats, city, levels(city), 20)).toBe(4);
    expect(levelsToRead(stats, city, levels(city), 20, citySize(stats, ['san', 'francisco']))).toBe(3);
  });
});

describe('reading the statistics', () => {
  it('shares one read among the searches that find it stale, goes on without figures when it fails, and tries again', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const rows = [{ total: 1000, upcoming: 0.5, column: 'document', words: ['show'], freqs: [0.2] }];
    const run = vi.fn().mockRejectedValueOnce(new Error('no pg_stats here')).mockResolvedValue(rows) as unknown as Run &
      ReturnType<typeof vi.fn>;
    const read = wordSharesReader(run);
    expect(await Promise.all([read(), read()])).toEqual([null, null]);
    expect(run).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledTimes(1);
    const [a, b] = await Promise.all([read(), read()]);
    expect(a).toEqual({ rows: 1000, upcoming: 0.5, columns: new Map([['document', new Map([['show', 0.2]])]]) });
    expect(b).toBe(a);
    expect(run).toHaveBeenCalledTimes(2);
    error.mockRestore();
  });
});
