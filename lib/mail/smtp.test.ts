import { once } from 'node:events';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer } from './smtp';

// The SMTP driver (nodemailer) against a small SMTP server on a local socket: the real protocol
// exchange (EHLO, MAIL FROM, RCPT TO, DATA), so what a mail server receives is what we check.
type Received = { from: string; to: string[]; data: string };
const received: Received[] = [];
let server: net.Server;
let port: number;

beforeAll(async () => {
  server = net.createServer((socket) => {
    let buffer = '';
    let inData = false;
    let current: Received = { from: '', to: [], data: '' };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 localhost ESMTP test');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            received.push(current);
            current = { from: '', to: [], data: '' };
            reply('250 queued');
          } else current.data += `${line.startsWith('..') ? line.slice(1) : line}\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'MAIL') current.from = line.slice(10).trim();
        if (verb === 'RCPT') current.to.push(line.slice(8).trim());
        if (verb === 'DATA') inData = true;
        reply(verb === 'DATA' ? '354 go ahead' : verb === 'QUIT' ? '221 bye' : '250 ok');
        if (verb === 'QUIT') socket.end();
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as net.AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('smtpMailer', () => {
  it('delivers the message to the recipient with its subject and text', async () => {
    const mailer = smtpMailer(`smtp://127.0.0.1:${port}?ignoreTLS=true`, 'Ticketbooth <tickets@example.test>');
    await mailer.send({
      to: 'fan@example.test',
      subject: 'Seats for Night are held for you',
      text: 'Pay here: http://localhost/reservations/x\nThanks',
    });
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail!.from).toBe('<tickets@example.test>');
    expect(mail!.to).toEqual(['<fan@example.test>']);
    expect(mail!.data).toMatch(/^Subject: Seats for Night are held for you$/m);
    expect(mail!.data).toMatch(/^To: fan@example.test$/m);
    expect(mail!.data).toContain('Pay here: http://localhost/reservations/x');
  });

  it('fails loudly when no server answers (sendMail turns that into a warning)', async () => {
    const mailer = smtpMailer('smtp://127.0.0.1:1?connectionTimeout=500', 'tickets@example.test');
    await expect(mailer.send({ to: 'fan@example.test', subject: 's', text: 't' })).rejects.toThrow();
  });
});
