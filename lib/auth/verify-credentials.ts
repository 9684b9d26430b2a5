import 'server-only';
import bcrypt from 'bcryptjs';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { users } from '@/db/schema';

// A fixed hash to compare against when the email is unknown, so both paths take the same time.
const dummyHash = bcrypt.hashSync('not-a-real-password-0', 10);

export async function verifyCredentials(db: DbOrTx, email: string, password: string) {
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email.trim()})`)
    .limit(1);
  const ok = await bcrypt.compare(password, user?.passwordHash ?? dummyHash);
  return ok && user ? { id: user.id, email: user.email, name: user.name } : null;
}
