import http from 'node:http';

// The baseline: a bare Node http server answering with exactly the bytes and headers the app
// sent for the same URL. Whatever the app costs beyond this is framework plus our code.
export async function startBareServer(responses: Map<string, { body: Buffer; headers: Record<string, string> }>) {
  const server = http.createServer((req, res) => {
    const hit = responses.get(req.url ?? '');
    if (!hit) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, hit.headers).end(hit.body);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}
