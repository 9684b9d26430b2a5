/**
 * Whether an If-None-Match header names this entity tag, by the weak comparison RFC 9110 asks
 * for here (a proxy that compressed the body marks the tag weak: W/"x" still matches "x").
 */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(etag));
}
