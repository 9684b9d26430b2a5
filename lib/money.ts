// Prices are stored in the currency's minor unit (cents, pence; yen have none), so the divisor
// comes from the currency itself rather than a hard-coded 100.
const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string, locale: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, formatter);
  }
  return formatter;
}

export function minorDigits(currency: string): number {
  return formatterFor(currency.toUpperCase(), 'en-US').resolvedOptions().maximumFractionDigits ?? 2;
}

export function formatMoney(minor: number, currency: string, locale = 'en-US'): string {
  const code = currency.trim().toUpperCase();
  try {
    const formatter = formatterFor(code, locale);
    const digits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
    return formatter.format(minor / 10 ** digits);
  } catch {
    // A malformed currency code is a data bug; a readable price beats a crashed page.
    return `${(minor / 100).toFixed(2)} ${code}`;
  }
}

export function formatPriceRange(min: number, max: number, currency: string, locale = 'en-US'): string {
  if (min === max) return formatMoney(min, currency, locale);
  return `${formatMoney(min, currency, locale)}–${formatMoney(max, currency, locale)}`;
}
