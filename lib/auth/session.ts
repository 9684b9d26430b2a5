import 'server-only';
import { getServerSession } from 'next-auth';
import { AppError } from '@/lib/errors';
import { span } from '@/lib/timing/spans';
import { sessionOptions } from './options';

export type SessionUser = { id: string; email: string; name: string };

export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await span('session', () => getServerSession(sessionOptions));
  const user = session?.user;
  if (!user?.id) return null;
  return { id: user.id, email: user.email ?? '', name: user.name ?? '' };
}

export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError('unauthorized', 'Sign in to continue.');
  return user;
}
