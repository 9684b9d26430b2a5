import 'server-only';
import { cookies, headers } from 'next/headers';
import type { SessionUser } from '@/lib/auth/session';
import type { FanRequest } from '@/lib/booking/hold-seats';

/** The request a server action runs in, as the hold door needs it. */
export async function actionFanRequest(user: SessionUser): Promise<FanRequest> {
  const [h, c] = await Promise.all([headers(), cookies()]);
  return { user, headers: h, cookie: (name) => c.get(name)?.value };
}
