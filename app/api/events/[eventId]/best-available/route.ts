import { requireUserFromCookie } from '@/lib/auth/session';
import { toResponse } from '@/lib/http/plain-response';
import { readJson, route } from '@/lib/http/route';
import { postBestAvailable } from './post-best-available';

// Under `npm start` this rarely runs: scripts/serve.mjs answers on Node's socket with the same
// postBestAvailable (lib/fast-paths/hold.ts). See app/api/reservations/route.ts.
export const POST = route(async (request, { params }: { params: Promise<{ eventId: string }> }) => {
  const user = await requireUserFromCookie(request);
  const { eventId } = await params;
  return toResponse(await postBestAvailable({ headers: request.headers, user, json: () => readJson(request) }, eventId));
});
