import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/db';
import { devMailbox, devMailboxVisible, listDevMail } from './dev-mailbox';
import { sendMail } from './index';

describe('the dev mailbox', () => {
  it('keeps what the site sends (the default driver outside production) and lists it by recipient, newest first', async () => {
    const to = `Fan-${randomUUID().slice(0, 8)}@Example.test`;
    expect(await sendMail(db, { to, subject: 'first', text: 'one' })).toBe(true);
    await devMailbox(db).send({ to, subject: 'second', text: 'two' });
    const mail = await listDevMail(db, { to: to.toLowerCase() });
    expect(mail.map((m) => m.subject)).toEqual(['second', 'first']);
    expect(await listDevMail(db, { to: `nobody-${randomUUID()}@example.test` })).toEqual([]);
  });

  it('is shown outside production, or in production only when the operator chose it', () => {
    expect(devMailboxVisible({ NODE_ENV: 'development', MAIL_DRIVER: undefined })).toBe(true);
    expect(devMailboxVisible({ NODE_ENV: 'test', MAIL_DRIVER: 'smtp' })).toBe(true);
    expect(devMailboxVisible({ NODE_ENV: 'production', MAIL_DRIVER: undefined })).toBe(false);
    expect(devMailboxVisible({ NODE_ENV: 'production', MAIL_DRIVER: 'smtp' })).toBe(false);
    expect(devMailboxVisible({ NODE_ENV: 'production', MAIL_DRIVER: 'dev' })).toBe(true);
  });
});
