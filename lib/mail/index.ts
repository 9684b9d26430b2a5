import 'server-only';
import type { DbOrTx } from '@/db';
import { env, mailDriverName } from '@/lib/env';
import { warnThrottled } from '@/lib/log';
import { devMailbox } from './dev-mailbox';
import { smtpMailer } from './smtp';
import type { Mail, MailDriver } from './types';

const globalForMail = globalThis as typeof globalThis & { ticketboothSmtp?: MailDriver };

/** The driver lib/env chooses: SMTP when SMTP_URL is set (or MAIL_DRIVER=smtp), else the dev mailbox. */
export function mailer(db: DbOrTx): MailDriver {
  if (mailDriverName() === 'dev') return devMailbox(db);
  if (!env.SMTP_URL) throw new Error('MAIL_DRIVER=smtp needs SMTP_URL');
  globalForMail.ticketboothSmtp ??= smtpMailer(env.SMTP_URL, env.MAIL_FROM);
  return globalForMail.ticketboothSmtp;
}

/**
 * Sends one message; never throws. Mail is a courtesy next to the site's own banner: a mail
 * server that is down must not undo what the message is about.
 */
export async function sendMail(db: DbOrTx, mail: Mail): Promise<boolean> {
  try {
    await mailer(db).send(mail);
    return true;
  } catch (error) {
    warnThrottled('mail', `mail: could not send "${mail.subject}" (${(error as Error).message})`);
    return false;
  }
}
