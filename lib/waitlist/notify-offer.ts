import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { events, tickets, users } from '@/db/schema';
import { formatMoney } from '@/lib/money';
import { env } from '@/lib/env';
import { warnThrottled } from '@/lib/log';
import { sendMail } from '@/lib/mail';
import { fanChannel, waitlistOfferEvent, type WaitlistOfferMessage } from '@/lib/realtime/fan-channel';
import { getPusher } from '@/lib/realtime/pusher';

export type Offer = { userId: string; eventId: string; reservationId: string; expiresAt: Date };

/**
 * Tells the fan, after commit: a live banner on their private channel (any open page of theirs)
 * and an email. Never throws: the offer stands either way, and the banner's poll still finds it.
 */
export async function notifyOffer(db: Database, offer: Offer): Promise<void> {
  const message: WaitlistOfferMessage = {
    eventId: offer.eventId,
    reservationId: offer.reservationId,
    expiresAt: offer.expiresAt.toISOString(),
  };
  const pusher = getPusher();
  const push = pusher
    ? pusher.trigger(fanChannel(offer.userId), waitlistOfferEvent, message).catch((error: Error) => {
        warnThrottled('waitlist-push', `waitlist: could not push an offer (${error.message})`);
      })
    : Promise.resolve();
  await Promise.all([
    push,
    mailOffer(db, offer).catch((error: Error) => warnThrottled('waitlist-mail', `waitlist: offer mail failed (${error.message})`)),
  ]);
}

async function mailOffer(db: Database, offer: Offer): Promise<void> {
  const [fan] = await db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, offer.userId));
  const [event] = await db.select({ name: events.name, currency: events.currency }).from(events).where(eq(events.id, offer.eventId));
  if (!fan || !event) return;
  const seats = await db
    .select({ section: tickets.section, row: tickets.row, number: tickets.number, price: tickets.priceMinor })
    .from(tickets)
    .where(eq(tickets.holdId, offer.reservationId))
    .orderBy(sql`${tickets.seatIndex}`);
  const total = seats.reduce((n, s) => n + s.price, 0);
  const base = env.NEXTAUTH_URL ?? 'http://localhost:3000';
  const until = offer.expiresAt.toISOString().replace('T', ' ').slice(0, 16);
  await sendMail(db, {
    to: fan.email,
    subject: `Seats for ${event.name} are held for you`,
    text: [
      `Hello ${fan.name},`,
      '',
      `Seats came free for ${event.name} and you were next on the waitlist. They are held for you alone until ${until} UTC:`,
      ...seats.map((s) => `  Section ${s.section}, row ${s.row}, seat ${s.number}: ${formatMoney(s.price, event.currency)}`),
      `Total ${formatMoney(total, event.currency)}, all fees included.`,
      '',
      `Pay for them here: ${base}/reservations/${offer.reservationId}`,
      '',
      'If you do nothing, they go to the next fan in line when the time is up.',
    ].join('\n'),
  });
}
