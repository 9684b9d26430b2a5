import 'server-only';
import nodemailer from 'nodemailer';
import type { MailDriver } from './types';

/** SMTP through nodemailer: `smtp://user:pass@host:587` or `smtps://...:465`. */
export function smtpMailer(url: string, from: string): MailDriver {
  const transport = nodemailer.createTransport(url);
  return {
    name: 'smtp',
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}
