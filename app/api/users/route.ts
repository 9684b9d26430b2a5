import { db } from '@/db';
import { createUser } from '@/lib/auth/create-user';
import { readJson, route } from '@/lib/http/route';
import { getKv } from '@/lib/kv';
import { clientIp } from '@/lib/rate-limit/client-ip';
import { enforceRateLimit } from '@/lib/rate-limit/enforce';

// Account creation for API clients; the sign-up page uses the same createUser.
export const POST = route(async (request) => {
  const body = await readJson(request);
  const email = (body as { email?: unknown } | null)?.email;
  await enforceRateLimit(getKv(), 'sign-up', { fan: typeof email === 'string' ? email : null, ip: clientIp(request.headers) });
  const user = await createUser(db, body);
  return Response.json({ user }, { status: 201 });
});
