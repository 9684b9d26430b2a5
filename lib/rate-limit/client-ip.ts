/**
 * The caller's address as the reverse proxy in front of Next reports it. The first
 * X-Forwarded-For entry is the client; deployments must let only their own proxy set the
 * header (every common host does). Without one, all such callers share one bucket.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || headers.get('x-real-ip')?.trim() || 'unknown';
}
