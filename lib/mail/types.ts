/** One plain-text message to one fan. */
export type Mail = { to: string; subject: string; text: string };

/** The email port: a driver delivers a message or throws. */
export type MailDriver = { name: 'dev' | 'smtp'; send(mail: Mail): Promise<void> };
