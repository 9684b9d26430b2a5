import type { IncomingMessage } from 'node:http';
import { AppError } from '@/lib/errors';
import { bodyTooLarge } from '@/lib/http/body';

/**
 * lib/http/body.ts's readBodyText for Node's own request: the body as UTF-8 text, refused with
 * 413 at once by its Content-Length, or as soon as a chunked body passes the limit. The rest of
 * a chunked body is read and dropped, so a client still sending can read the 413 and the socket
 * serves its next request (destroying the request would close the socket first), but only up to
 * `drainLimit`: a body without end is cut off there, `cutDelayMs` later, once the 413 is out.
 * (An oversized declared body is dropped by Node itself once the answer is sent.)
 */
const drainLimit = 1024 * 1024;
const cutDelayMs = 200;

export function readNodeBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > maxBytes) return Promise.reject(bodyTooLarge(maxBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= maxBytes) return void chunks.push(chunk);
      req.off('data', onData);
      let dropped = 0;
      let cut = false;
      req.on('data', (rest: Buffer) => {
        dropped += rest.byteLength;
        if (dropped <= drainLimit) return;
        // Stop reading, and close a moment later: closing at once, with the client's bytes
        // unread, resets the connection, and a client can lose the 413 still on its way.
        req.pause();
        if (!cut) setTimeout(() => req.destroy(), cutDelayMs).unref();
        cut = true;
      });
      reject(bodyTooLarge(maxBytes));
    };
    req.on('data', onData);
    req.once('error', reject);
    // A client gone before the end: nothing is left to answer, but the hold must not start.
    req.once('close', () => reject(new AppError('bad_request', 'The request body ended early.')));
    req.once('end', () => {
      try {
        resolve(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
      } catch (error) {
        reject(error);
      }
    });
  });
}
