import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { users } from '@/db/schema';
import { AppError } from '@/lib/errors';

/** Makes the account with this email (any case) an operator; 404 when there is none. */
export async function grantOperator(db: DbOrTx, email: string): Promise<{ id: string; email: string }> {
  const [row] = await db
    .update(users)
    .set({ role: 'operator' })
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
    .returning({ id: users.id, email: users.email });
  if (!row) throw new AppError('not_found', `No account with the email ${email}.`);
  return row;
}
