import type { IncomingMessage } from 'node:http';
import { postBestAvailable } from '@/app/api/events/[eventId]/best-available/post-best-available';
import { postReservation, type HoldRequest } from '@/app/api/reservations/post-reservation';
import { sessionFromToken, sessionToken } from '@/lib/auth/session-cookie';
import { maxJsonBytes } from '@/lib/http/body';
import type { PlainResponse } from '@/lib/http/plain-response';
import { parseJsonBody } from '@/lib/http/route';
import { span } from '@/lib/timing/spans';
import { readNodeBody } from './node-body';
import { answerOnSocket, type FastPath } from './socket-answer';

/**
 * The two API doors to a new hold on Node's socket, for scripts/serve.mjs (`npm start`):
 * POST /api/reservations and POST /api/events/{id}/best-available. An on-sale is a flood of
 * these, and Next's pipeline around a route handler (routing, a web Request and a streamed
 * Response per call) cost more CPU than the hold itself (issue 13). This answers with the routes'
 * own code (post-reservation.ts, post-best-available.ts): the same session check, body limits,
 * hold door, status, body and headers (`everyResponse` is what next.config.mjs adds to every
 * path, as Next's build wrote it down). proxy.ts is not needed: its waiting-room gate only checks
 * a token's signature, and the hold door checks the admission itself, bound to the fan.
 *
 * Anything else goes to Next untouched, as does a request carrying a server action's header and
 * a session cookie only next-auth can read (split into chunks).
 */
export function holdFastPath(everyResponse: Record<string, string>): FastPath {
  return (req, res) => {
    if (req.method !== 'POST' || req.headers['next-action'] !== undefined) return false;
    const door = holdDoor(req.url);
    if (!door) return false;
    const token = sessionToken(req.headers.cookie);
    if (token === undefined) return false;
    answerOnSocket(req, res, everyResponse, async () => {
      const user = token === null ? null : await span('session', () => sessionFromToken(token));
      return door({
        headers: webHeaders(req),
        user,
        json: () => parseJsonBody(req.headers['content-type'], () => readNodeBody(req, maxJsonBytes)),
      });
    });
    return true;
  };
}

type Door = (request: HoldRequest) => Promise<PlainResponse>;

const bestAvailablePath = /^\/api\/events\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/best-available$/i;

// Exact paths only (a plain UUID, nothing encoded); the query string is ignored, as Next does.
function holdDoor(url: string | undefined): Door | null {
  if (!url) return null;
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  if (path === '/api/reservations') return postReservation;
  const best = bestAvailablePath.exec(path);
  return best ? (request) => postBestAvailable(request, best[1]!) : null;
}

// The hold door reads the client's address and the cookies from web Headers, as a route does. A
// value web Headers cannot hold (Node's parser is more lenient) is left out.
function webHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const v of typeof value === 'string' ? [value] : (value ?? [])) {
      try {
        headers.append(name, v);
      } catch {
        // not a valid header value
      }
    }
  }
  return headers;
}
