// Liveness: the process answers, nothing else is touched (readiness, with the database, is
// /api/health). It is also the benchmark's "trivial Next route": the framework's own floor.
export function GET() {
  return new Response('ok', { headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' } });
}
