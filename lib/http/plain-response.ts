/**
 * An answer as plain data, before any framework wraps it: the hold door answers through Next's
 * route handler (a web Response) and, under `npm start`, straight on Node's socket
 * (lib/fast-paths/hold.ts). Both send exactly these bytes and headers.
 */
export type PlainResponse = { status: number; headers: Record<string, string>; body: string };

/**
 * A small JSON answer (holds, errors), marked `no-transform`. Next gzips every route answer it
 * streams, whatever its size (its compressor never learns the length), and for a 100-byte JSON
 * answer zlib's set-up cost more CPU than the rest of a hold (9% of the server's CPU in issue
 * 13's profile). `no-transform` is what that compressor, and proxies, honour.
 */
export function plainJson(body: unknown, status: number, headers: Record<string, string> = {}): PlainResponse {
  const cacheControl = headers['cache-control'];
  return {
    status,
    headers: {
      ...headers,
      'content-type': 'application/json',
      'cache-control': cacheControl ? `${cacheControl}, no-transform` : 'no-transform',
    },
    body: JSON.stringify(body),
  };
}

const encoder = new TextEncoder();

export function toResponse(plain: PlainResponse): Response {
  const bytes = encoder.encode(plain.body);
  return new Response(bytes, { status: plain.status, headers: { ...plain.headers, 'content-length': String(bytes.byteLength) } });
}
