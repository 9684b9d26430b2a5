import type { SessionUser } from '@/lib/auth/session';
import type { FanRequest } from '@/lib/booking/hold-seats';
import { cookieValue } from '@/lib/http/cookies';

/** The hold door's view of an HTTP request: who asks, their headers, their cookies. */
export function fanRequest(headers: Headers, user: SessionUser): FanRequest {
  const header = headers.get('cookie');
  return { user, headers, cookie: (name) => cookieValue(header, name) };
}
