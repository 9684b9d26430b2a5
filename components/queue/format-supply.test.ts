import { describe, expect, it } from 'vitest';
import { formatTicketsLeft } from './format-supply';

describe('formatTicketsLeft', () => {
  it('is exact when few, rounded to two figures when many', () => {
    expect(formatTicketsLeft(1, 0)).toBe('1 ticket left.');
    expect(formatTicketsLeft(17, 3)).toBe('17 tickets left.');
    expect(formatTicketsLeft(1_234, 0)).toBe('About 1,200 tickets left.');
    expect(formatTicketsLeft(38_760, 0)).toBe('About 39,000 tickets left.');
  });

  it('says when nothing is free, and whether holds may still free some', () => {
    expect(formatTicketsLeft(0, 0)).toBe('No tickets are left.');
    expect(formatTicketsLeft(0, 12)).toMatch(/12 are in other fans' holds/);
  });
});
