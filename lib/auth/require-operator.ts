import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { users } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { requireUser, type SessionUser } from './session';

/**
 * The signed-in user, if they are an operator: 401 for nobody, 403 for a fan. The role is read
 * from the database on each call, not from the session cookie, so revoking it takes effect at
 * once.
 */
export async function requireOperator(db: DbOrTx): Promise<SessionUser> {
  const user = await requireUser();
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, user.id), eq(users.role, 'operator')))
    .limit(1);
  if (!row) throw new AppError('forbidden', 'Only operators can see this.');
  return user;
}
