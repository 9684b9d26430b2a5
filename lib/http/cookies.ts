/** One cookie's value from a raw Cookie header (the first, as browsers send the most specific first). */
export function cookieValue(header: string | undefined | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
