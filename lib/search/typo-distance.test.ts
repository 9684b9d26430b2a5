import { describe, expect, it } from 'vitest';
import { deletions, maxEdits, typoDistance } from './typo-distance';

describe('typo distance', () => {
  it('counts a swap, a drop, an insert and a substitution as one edit each', () => {
    expect(typoDistance('tmasin', 'tamsin', 2)).toBe(1);
    expect(typoDistance('tamin', 'tamsin', 2)).toBe(1);
    expect(typoDistance('tamsinn', 'tamsin', 2)).toBe(1);
    expect(typoDistance('tamsun', 'tamsin', 2)).toBe(1);
    expect(typoDistance('atmsin', 'tamsin', 2)).toBe(1);
    expect(typoDistance('mteallcia', 'metallica', 2)).toBe(2);
    expect(typoDistance('tamsin', 'tamsin', 1)).toBe(0);
  });

  it('stops past the limit', () => {
    expect(typoDistance('abcdef', 'uvwxyz', 1)).toBe(2);
    expect(typoDistance('ab', 'abcdef', 2)).toBe(3);
  });

  it('forgives nothing under 4 letters, one edit from 4, two from 8', () => {
    expect([maxEdits('abc'), maxEdits('abcd'), maxEdits('abcdefg'), maxEdits('abcdefgh')]).toEqual([0, 1, 1, 2]);
  });

  it('finds a swapped word through a shared deletion', () => {
    const shared = deletions('tmasin', 1).filter((d) => deletions('tamsin', 1).includes(d));
    expect(shared).toContain('tasin');
    expect(deletions('abcd', 2)).toHaveLength(1 + 4 + 6);
  });
});
