import type { Metadata } from 'next';

// A trivial server-component page: rendered per request in the site's layout with no data of its
// own. The benchmark's yardstick for what a page costs before our code (scripts/bench/view.ts),
// as /api/ping is for a route handler.
export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Ping', robots: { index: false } };

export default function PingPage() {
  return <p>ok</p>;
}
