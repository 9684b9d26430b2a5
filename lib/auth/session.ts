import 'server-only';
import { getServerSession } from 'next-auth';
import { AppError } from '@/lib/errors';
import { span } from '@/lib/timing/spans';
import { sessionOptions } from './options';
import { sessionFromCookie } from './session-cookie';

export type SessionUser = { id: string; email: string; name: string };

export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await span('session', () => getServerSession(sessionOptions));
  const user = session?.user;
  if (!user?.id) return null;
  return { id: user.id, email: user.email ?? '', name: user.name ?? '' };
}

/** requireUser for the hold routes, from the request's cookie (see session-cookie.ts). */
export async function requireUserFromCookie(request: Request): Promise<SessionUser> {
  const fromCookie = await span('session', () => sessionFromCookie(request.headers.get('cookie')));
  if (fromCookie === undefined) return requireUser();
  if (!fromCookie) throw new AppError('unauthorized', 'Sign in to continue.');
  return fromCookie;
}

export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError('unauthorized', 'Sign in to continue.');
  return user;
}
