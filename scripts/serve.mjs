// `next start` with one addition: the socket's address is appended to X-Forwarded-For, exactly as
// a reverse proxy would append it. Next itself only fills the header in when the client sent none,
// so behind no proxy a client could name any address it liked and escape every per-IP limit.
// With this, the last entry is always the peer that connected to us; lib/rate-limit/client-ip.ts
// skips TRUSTED_PROXY_HOPS entries from the right to find the client. Plain JavaScript so that
// production runs on plain node, with no loader hooks in the request path.
//
//   PORT=3000 node scripts/serve.mjs        (listens on every interface, as `next start` does)
//
// And one more: the requests an on-sale is made of, the two API doors to a hold (POST
// /api/reservations and POST /api/events/{id}/best-available, issue 13) and search (GET
// /api/events/search, issue 14), are answered straight on the socket by lib/fast-paths/ with the
// routes' own code, skipping Next's pipeline around them. instrumentation.ts hands them over while
// Next prepares. FAST_PATHS=0 leaves every request to Next.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import next from 'next';

const port = Number(process.env.PORT ?? 3000);
const dir = new URL('..', import.meta.url).pathname;
const app = next({ dev: false, dir, port });
await app.prepare();
const handle = app.getRequestHandler();
const upgrade = app.getUpgradeHandler();
const fastPathsOn = process.env.FAST_PATHS !== '0';
let answerFast = null;

// Next prepares its server, and so runs instrumentation.ts, on the first request (the launcher's
// health check): until then every request goes to Next.
function fastPaths() {
  if (answerFast || !fastPathsOn) return answerFast;
  const create = globalThis.ticketboothFastPaths;
  if (!create) return null;
  // The headers next.config.mjs gives every path, as the build wrote them down.
  const manifest = JSON.parse(readFileSync(path.join(dir, '.next/routes-manifest.json'), 'utf8'));
  const everyPath = manifest.headers.find((rule) => rule.source === '/:path*' && !rule.has && !rule.missing);
  answerFast = create(Object.fromEntries((everyPath?.headers ?? []).map((h) => [h.key, h.value])));
  return answerFast;
}

function appendPeer(req) {
  const peer = req.socket.remoteAddress;
  if (!peer) return;
  const forwarded = req.headers['x-forwarded-for'];
  const chain = Array.isArray(forwarded) ? forwarded.join(', ') : forwarded;
  req.headers['x-forwarded-for'] = chain ? `${chain}, ${peer}` : peer;
}

const server = createServer((req, res) => {
  appendPeer(req);
  if (fastPaths()?.(req, res)) return;
  void handle(req, res);
});
server.on('upgrade', (req, socket, head) => {
  appendPeer(req);
  void upgrade(req, socket, head);
});
// Keep-alive longer than common load balancers' idle timeouts, as `next start` does.
server.keepAliveTimeout = 65_000;
server.listen(port, () => {
  console.log(`> ready on http://localhost:${port}`);
});

const stop = () => {
  server.close(() => process.exit(0));
  // Idle keep-alive sockets would hold close() open for up to a minute.
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 5_000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
