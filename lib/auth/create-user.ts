import 'server-only';
import bcrypt from 'bcryptjs';
import type { DbOrTx } from '@/db';
import { users } from '@/db/schema';
import { AppError, fromZod } from '@/lib/errors';
import { signUpSchema } from './sign-up-schema';

export type CreatedUser = { id: string; email: string; name: string };

export async function createUser(db: DbOrTx, input: unknown): Promise<CreatedUser> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) {
    const onlyPassword = parsed.error.issues.every((i) => i.path[0] === 'password');
    throw fromZod(parsed.error, onlyPassword ? 'weak_password' : 'validation_failed');
  }
  const { email, password, name } = parsed.data;
  const passwordHash = await bcrypt.hash(password, 10);
  // The unique index on lower(email) (the table's only unique key besides the generated id)
  // decides a race between two sign-ups with one address.
  const [row] = await db
    .insert(users)
    .values({ email, name, passwordHash })
    .onConflictDoNothing()
    .returning({ id: users.id, email: users.email, name: users.name });
  if (!row) {
    throw new AppError('email_taken', 'An account with this email already exists. Sign in instead.', {
      issues: [{ path: 'email', message: 'An account with this email already exists' }],
    });
  }
  return row;
}
