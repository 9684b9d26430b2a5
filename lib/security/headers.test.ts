import { describe, expect, it } from 'vitest';
import { baseUrl } from '@/lib/testing/http';
import { contentSecurityPolicy, securityHeaders } from './headers.mjs';

// Issue 10, finding 8: no security headers anywhere; hold and release pages could be framed.

const paths = [
  ['the home page', '/'],
  ['an API answer', '/api/ping'],
  ['an API error', '/api/events/not-a-uuid'],
  ['a 404 page', '/no-such-page'],
  ['the sign-in page', '/sign-in'],
  ['a redirect', '/events/00000000-0000-4000-8000-00000000000A'],
];

describe('security headers', () => {
  it.each(paths)('%s carries every header', async (_name, path) => {
    const response = await fetch(`${baseUrl}${path}`, { redirect: 'manual' });
    await response.body?.cancel();
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'self'");
    expect(csp).not.toContain('unsafe-eval'); // a production build
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    expect(response.headers.get('permissions-policy')).toContain('camera=()');
    // The test server runs over plain http, where HSTS means nothing and is left out.
    expect(response.headers.get('strict-transport-security')).toBeNull();
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('adds HSTS and upgrade-insecure-requests when the site is served over https', () => {
    const headers = securityHeaders({ NEXTAUTH_URL: 'https://tickets.example.com' });
    expect(headers.find((h) => h.key === 'Strict-Transport-Security')?.value).toMatch(/^max-age=\d{8,}/);
    expect(contentSecurityPolicy({ NEXTAUTH_URL: 'https://tickets.example.com' })).toContain('upgrade-insecure-requests');
  });

  it('names the real services when they are configured, and the local stand-ins only when they are not', () => {
    const production = contentSecurityPolicy({ PUSHER_KEY: 'k', STRIPE_SECRET_KEY: 'sk_live_x', NEXTAUTH_URL: 'https://t.example' });
    expect(production).toContain('wss://*.pusher.com');
    expect(production).toContain('https://checkout.stripe.com');
    expect(production).not.toContain('127.0.0.1');
    const selfHosted = contentSecurityPolicy({ PUSHER_KEY: 'k', PUSHER_HOST: 'ws.example.org', PUSHER_USE_TLS: 'true' });
    expect(selfHosted).toContain('wss://ws.example.org:*');
    const local = contentSecurityPolicy({});
    expect(local).toContain('ws://127.0.0.1:*');
    expect(contentSecurityPolicy({}, { dev: true })).toContain("'unsafe-eval'");
  });
});
