import http from 'node:http';

// The on-sale's load generator: node:http with kept-alive sockets. fetch (undici) costs several
// times the CPU per request, and the generator shares this machine's two cores with the server
// it measures.
const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

export type JsonAnswer = { status: number; body: unknown; serverTiming: string | null };

export function postJson(url: string, cookie: string, body: unknown): Promise<JsonAnswer> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': String(payload.byteLength), cookie },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON: kept as text
          }
          const timing = response.headers['server-timing'];
          resolve({ status: response.statusCode ?? 0, body: parsed, serverTiming: typeof timing === 'string' ? timing : null });
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}
