import 'server-only';
import { desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { devMail, type DevMail } from '@/db/schema';
import { env, type Env } from '@/lib/env';
import type { MailDriver } from './types';

/** /dev/mail exists outside production, or where the operator chose the dev driver (a test or demo site). */
export const devMailboxVisible = (e: Pick<Env, 'NODE_ENV' | 'MAIL_DRIVER'> = env) => e.NODE_ENV !== 'production' || e.MAIL_DRIVER === 'dev';

/** The local stand-in for an SMTP server: messages kept in Postgres, read at /dev/mail. */
export function devMailbox(db: DbOrTx): MailDriver {
  return {
    name: 'dev',
    async send(mail) {
      await db.insert(devMail).values(mail);
    },
  };
}

/** The newest messages first, to one address when given. */
export async function listDevMail(db: DbOrTx, opts: { to?: string; limit?: number } = {}): Promise<DevMail[]> {
  const query = db.select().from(devMail);
  const filtered = opts.to ? query.where(eq(sql`lower(${devMail.to})`, opts.to.trim().toLowerCase())) : query;
  return filtered.orderBy(desc(devMail.createdAt)).limit(opts.limit ?? 50);
}
