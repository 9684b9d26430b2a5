import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

// Pusher's two signatures, as the real service checks them.

const hmac = (secret: string, data: string) => createHmac('sha256', secret).update(data).digest('hex');

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The HTTP API: HMAC-SHA256 over "METHOD\nPATH\nsorted query without auth_signature", with the
 * body's md5 among the signed parameters. The timestamp must be within 600 s, as on Pusher, so a
 * captured request cannot be replayed later.
 */
export function verifyApiRequest(
  opts: { key: string; secret: string },
  req: { method: string; path: string; query: URLSearchParams; body: string },
  nowSeconds = Date.now() / 1000,
): string | null {
  const q = req.query;
  if (q.get('auth_key') !== opts.key) return 'Unknown auth_key';
  const timestamp = Number(q.get('auth_timestamp'));
  if (!Number.isFinite(timestamp) || Math.abs(nowSeconds - timestamp) > 600) return 'Timestamp expired';
  if (q.get('auth_version') !== '1.0') return 'Unsupported auth_version';
  if (req.body && q.get('body_md5') !== createHash('md5').update(req.body, 'utf8').digest('hex')) {
    return 'body_md5 does not match the body';
  }
  const params = [...q.entries()].filter(([k]) => k !== 'auth_signature').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const signed = [req.method.toUpperCase(), req.path, params.map(([k, v]) => `${k}=${v}`).join('&')].join('\n');
  return safeEqual(hmac(opts.secret, signed), q.get('auth_signature') ?? '') ? null : 'Invalid signature';
}

/** A private channel subscription carries "key:HMAC(secret, socket_id:channel)". */
export function verifyChannelAuth(opts: { key: string; secret: string }, socketId: string, channel: string, auth: unknown): boolean {
  if (typeof auth !== 'string') return false;
  const [key, signature] = auth.split(':');
  return key === opts.key && safeEqual(hmac(opts.secret, `${socketId}:${channel}`), signature ?? '');
}
