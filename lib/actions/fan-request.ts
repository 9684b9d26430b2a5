import 'server-only';
import { cookies, headers } from 'next/headers';
import type { SessionUser } from '@/lib/auth/session';
import type { FanRequest } from '@/lib/booking/hold-seats';
import { cookieValue } from '@/lib/http/cookies';

/** The request a server action runs in, as the hold door needs it. */
export async function actionFanRequest(user: SessionUser): Promise<FanRequest> {
  const [h, c] = await Promise.all([headers(), cookies()]);
  return { user, headers: h, cookie: (name) => c.get(name)?.value };
}

/** The same for a route handler's Request. */
export function routeFanRequest(request: Request, user: SessionUser): FanRequest {
  const header = request.headers.get('cookie');
  return { user, headers: request.headers, cookie: (name) => cookieValue(header, name) };
}
