import type { IncomingMessage, ServerResponse } from 'node:http';
import compression from 'compression';
import { env } from '@/lib/env';
import { errorPlain } from '@/lib/errors';
import type { PlainResponse } from '@/lib/http/plain-response';
import { withSpans } from '@/lib/timing/spans';

/** Takes the request and answers it (true), or leaves it untouched for Next (false). */
export type FastPath = (req: IncomingMessage, res: ServerResponse) => boolean;

type Answer = PlainResponse & { serverTiming?: string };

// The middleware Next's own server compresses with (it bundles this package): the same
// threshold (1 kB), the same negotiation, the same `Vary: Accept-Encoding`, and it leaves alone
// an answer marked `no-transform` (lib/http/plain-response.ts). Newer than Next's copy, it also
// speaks brotli to a client that prefers it. It works on Node's own request and response; its
// types name Express's subclasses of them.
const compress = compression() as unknown as (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * Answers on the socket with what `run` makes, as Next's route would: an error becomes its
 * status and JSON (errorPlain), the headers next.config.mjs gives every path come first, and
 * Server-Timing is added when SERVER_TIMING is on. `compressed` runs the answer through the
 * same compression Next applies to a route's answer.
 */
export function answerOnSocket(
  req: IncomingMessage,
  res: ServerResponse,
  everyResponse: Record<string, string>,
  run: () => Promise<PlainResponse>,
  { compressed = false } = {},
): void {
  void plainAnswer(run)
    .then((answer) => (compressed ? compress(req, res, () => send(res, answer, everyResponse)) : send(res, answer, everyResponse)))
    .catch((error: unknown) => {
      console.error(error);
      res.destroy();
    });
}

async function plainAnswer(run: () => Promise<PlainResponse>): Promise<Answer> {
  try {
    if (!env.SERVER_TIMING) return await run();
    const { value, serverTiming } = await withSpans(run);
    return { ...value, serverTiming };
  } catch (error) {
    return errorPlain(error);
  }
}

function send(res: ServerResponse, { status, headers, body, serverTiming }: Answer, everyResponse: Record<string, string>): void {
  const bytes = Buffer.from(body);
  const all: Record<string, string> = { ...everyResponse, ...headers, 'content-length': String(bytes.byteLength) };
  if (serverTiming) all['server-timing'] = serverTiming;
  if (!res.destroyed) res.writeHead(status, all).end(bytes);
}
