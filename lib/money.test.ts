import { describe, expect, it } from 'vitest';
import { formatMoney, formatPriceRange, minorDigits } from './money';

// Intl separates some currency symbols with a no-break space; compare on plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney', () => {
  it('formats two-digit currencies from minor units', () => {
    expect(formatMoney(8500, 'USD')).toBe('$85.00');
    expect(formatMoney(1, 'USD')).toBe('$0.01');
    expect(formatMoney(123456789, 'USD')).toBe('$1,234,567.89');
    expect(formatMoney(4250, 'GBP')).toBe('£42.50');
  });

  it('uses the currency minor digits, not a fixed 100', () => {
    expect(minorDigits('JPY')).toBe(0);
    expect(formatMoney(1200, 'JPY')).toBe('¥1,200');
    expect(minorDigits('KWD')).toBe(3);
    expect(plain(formatMoney(12345, 'KWD'))).toBe('KWD 12.345');
  });

  it('formats zero and negative amounts', () => {
    expect(formatMoney(0, 'USD')).toBe('$0.00');
    expect(formatMoney(-550, 'USD')).toBe('-$5.50');
  });

  it('accepts lower-case codes and honours the locale', () => {
    expect(formatMoney(8500, 'usd')).toBe('$85.00');
    expect(plain(formatMoney(8500, 'EUR', 'de-DE'))).toBe('85,00 €');
  });

  it('falls back to a readable string for a malformed currency code', () => {
    expect(formatMoney(8500, 'DOLLARS')).toBe('85.00 DOLLARS');
  });
});

describe('formatPriceRange', () => {
  it('collapses a single price and joins a range with an en dash', () => {
    expect(formatPriceRange(5000, 5000, 'USD')).toBe('$50.00');
    expect(formatPriceRange(5000, 8000, 'USD')).toBe('$50.00–$80.00');
  });
});
