const encoder = new TextEncoder();

/**
 * Response.json for small answers (holds, errors), marked `no-transform`. Next gzips every route
 * answer it streams, whatever its size (its compressor never learns the length), and for a
 * 100-byte JSON answer zlib's set-up cost more CPU than the rest of a hold (9% of the server's
 * CPU in issue 13's profile). `no-transform` is what that compressor, and proxies, honour.
 */
export function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  const bytes = encoder.encode(JSON.stringify(body));
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/json');
  headers.set('content-length', String(bytes.byteLength));
  const cacheControl = headers.get('cache-control');
  headers.set('cache-control', cacheControl ? `${cacheControl}, no-transform` : 'no-transform');
  return new Response(bytes, { ...init, headers });
}
