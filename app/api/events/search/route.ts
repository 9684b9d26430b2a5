import { route } from '@/lib/http/route';
import { searchAnswer } from './search-answer';

// A static segment: Next matches it before the dynamic [eventId] beside it. Under `npm start` the
// socket answers it first with the same searchAnswer (lib/fast-paths/search.ts); this is the route
// on hosts that run Next alone.
export const GET = route(async (request) => {
  const { status, headers, body } = await searchAnswer(new URL(request.url).searchParams);
  return new Response(body, { status, headers });
});
