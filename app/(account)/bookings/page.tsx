import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { ButtonLink } from '@/components/ui/button';
import { db } from '@/db';
import { getSessionUser } from '@/lib/auth/session';
import { listUserBookings, type UserBookingSummary } from '@/lib/booking/list-user-bookings';
import { signInHref } from '@/lib/callback-url';
import { formatEventDateTime } from '@/lib/dates';
import { formatMoney } from '@/lib/money';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'My tickets' };

const paymentLabel: Record<UserBookingSummary['payment'], string> = {
  paid: 'Paid',
  confirming: 'Confirming payment',
  refunded: 'Refunded',
};

export default async function BookingsPage() {
  const user = await getSessionUser();
  if (!user) redirect(signInHref('/bookings'));
  const bookings = await listUserBookings(db, user.id);

  return (
    <div className="stack">
      <header className="page-header">
        <h1>My tickets</h1>
        <p className="muted">
          Your paid bookings, newest first. Seats you have not paid for yet are under <Link href="/reservations">My holds</Link>.
        </p>
      </header>

      {bookings.length === 0 ? (
        <div className="card">
          <p>You have not booked any tickets yet.</p>
          <ButtonLink href="/">Find an event</ButtonLink>
        </div>
      ) : (
        <ul className="hold-list">
          {bookings.map((b) => (
            <li key={b.id}>
              <article className="card" aria-labelledby={`booking-${b.id}`}>
                <div>
                  <h2 id={`booking-${b.id}`}>
                    <Link href={`/bookings/${b.id}`}>{b.event.name}</Link>
                  </h2>
                  <p className="muted">
                    <time dateTime={b.event.date}>{formatEventDateTime(b.event.date, b.event.timezone)}</time> · {b.event.venueName},{' '}
                    {b.event.city}
                  </p>
                </div>
                <div>
                  <p>
                    <span className={`status status-${b.payment}`}>{paymentLabel[b.payment]}</span>
                  </p>
                  <p>
                    {b.seatCount === 1 ? '1 seat' : `${b.seatCount} seats`} · {formatMoney(b.total, b.currency)}
                  </p>
                </div>
              </article>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
