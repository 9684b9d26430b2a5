import { describe, expect, it } from 'vitest';
import { highlightSegments } from './highlight';
import { searchWords } from './words';

describe('searchWords', () => {
  it('folds accents and case, splits on anything but letters and digits, drops repeats', () => {
    expect(searchWords('  Beyoncé & JAY-Z beyonce ')).toEqual(['beyonce', 'jay', 'z']);
    expect(searchWords("'; drop table events; --")).toEqual(['drop', 'table', 'events']);
    expect(searchWords(undefined)).toEqual([]);
  });

  it('keeps at most eight words', () => {
    expect(searchWords('a b c d e f g h i j')).toHaveLength(8);
  });
});

describe('highlightSegments', () => {
  it('marks words that start with a matched term, accents and case aside', () => {
    expect(highlightSegments('Beyoncé: Renaissance Tour', ['beyonce', 'tour'])).toEqual([
      { text: 'Beyoncé', match: true },
      { text: ': Renaissance ', match: false },
      { text: 'Tour', match: true },
    ]);
    expect(highlightSegments('Taylor Swift', ['tay'])).toEqual([
      { text: 'Taylor', match: true },
      { text: ' Swift', match: false },
    ]);
  });

  it('returns the text whole when nothing matched', () => {
    expect(highlightSegments('Orpheum Hall', ['zzz'])).toEqual([{ text: 'Orpheum Hall', match: false }]);
    expect(highlightSegments('Orpheum Hall', [])).toEqual([{ text: 'Orpheum Hall', match: false }]);
  });
});
