import { env } from '@/lib/env';

/**
 * The client's address. Each proxy in front of us appends the address it saw to
 * X-Forwarded-For, and scripts/serve.mjs (what `npm start` runs) appends the socket's own, so
 * the right-most entry is the peer that connected to us and everything to its left is only as
 * trustworthy as the proxies that added it. TRUSTED_PROXY_HOPS says how many of our own proxies
 * stand in front (0: clients connect directly, or the platform replaces the header, as Vercel
 * does); we skip that many entries from the right and never read anything a client could have
 * written. The first entry, which is what a client forges, is used only if the chain is shorter
 * than the configured hops (a misconfiguration).
 */
export function clientIp(headers: Headers, trustedHops: number = env.TRUSTED_PROXY_HOPS): string {
  const chain = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return chain[chain.length - 1 - trustedHops] ?? chain[0] ?? 'unknown';
}
