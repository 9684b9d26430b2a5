// Where to send a fan after sign-in. Only a path on this site: "//evil.example" and "/\evil"
// are read by browsers as other hosts, so they fall back like any other bad value.
export function safeCallbackUrl(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return fallback;
  // Control characters (tabs, newlines) are stripped by URL parsers and can smuggle a host in.
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return fallback;
  }
  return value;
}

export function signInHref(callbackUrl: string): string {
  return `/sign-in?callbackUrl=${encodeURIComponent(safeCallbackUrl(callbackUrl))}`;
}
