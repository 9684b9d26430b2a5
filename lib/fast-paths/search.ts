import { searchAnswer } from '@/app/api/events/search/search-answer';
import { answerOnSocket, type FastPath } from './socket-answer';

const searchPath = '/api/events/search';

/**
 * GET /api/events/search on Node's socket, for scripts/serve.mjs (`npm start`). Next's pipeline
 * around a route (routing, a web Request, a streamed Response) costs about as much as a cached
 * search itself: 3 to 4 ms a request on this machine, more than the database's share of a typical
 * search. This answers with the route's own searchAnswer, compressed as Next compresses it. The
 * path is public and outside proxy.ts's matcher, so nothing Next does before a route is skipped.
 *
 * Only the exact path: anything else (HEAD, a trailing slash, an encoded letter) goes to Next.
 */
export function searchFastPath(everyResponse: Record<string, string>): FastPath {
  return (req, res) => {
    if (req.method !== 'GET' || !req.url) return false;
    const query = req.url.indexOf('?');
    if ((query < 0 ? req.url : req.url.slice(0, query)) !== searchPath) return false;
    const params = new URLSearchParams(query < 0 ? '' : req.url.slice(query + 1));
    answerOnSocket(req, res, everyResponse, () => searchAnswer(params), { compressed: true });
    return true;
  };
}
