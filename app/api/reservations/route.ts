import { requireUserFromCookie } from '@/lib/auth/session';
import { toResponse } from '@/lib/http/plain-response';
import { readJson, route } from '@/lib/http/route';
import { postReservation } from './post-reservation';

// Under `npm start` a hold rarely reaches this handler: scripts/serve.mjs answers it on Node's
// socket (lib/fast-paths/hold.ts) with the same postReservation. This is the route on hosts that
// run Next's handlers themselves (serverless), and for a session only next-auth can read.
export const POST = route(async (request) => {
  const user = await requireUserFromCookie(request);
  return toResponse(await postReservation({ headers: request.headers, user, json: () => readJson(request) }));
});
