import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { ButtonLink } from '@/components/ui/button';
import { db } from '@/db';
import { getSessionUser } from '@/lib/auth/session';
import { listUserReservations, type UserReservationSummary } from '@/lib/booking/list-user-reservations';
import { signInHref } from '@/lib/callback-url';
import { formatEventDateTime } from '@/lib/dates';
import { formatMoney } from '@/lib/money';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'My holds' };

const statusLabel: Record<UserReservationSummary['status'], string> = {
  active: 'On hold',
  expired: 'Expired',
  released: 'Released',
  converted: 'Booked',
};

export default async function ReservationsPage() {
  const user = await getSessionUser();
  if (!user) redirect(signInHref('/reservations'));
  const { reservations, loadedAt } = await load(user.id);

  return (
    <div className="stack">
      <header className="page-header">
        <h1>My holds</h1>
        <p className="muted">Seats you have held, newest first. A hold lasts a few minutes, then the seats go back on sale.</p>
      </header>

      {reservations.length === 0 ? (
        <div className="card">
          <p>You have not held any seats yet.</p>
          <ButtonLink href="/">Find an event</ButtonLink>
        </div>
      ) : (
        <ul className="hold-list">
          {reservations.map((r) => (
            <li key={r.id}>
              <article className="card" aria-labelledby={`hold-${r.id}`}>
                <div>
                  <h2 id={`hold-${r.id}`}>
                    <Link href={`/reservations/${r.id}`}>{r.event.name}</Link>
                  </h2>
                  <p className="muted">
                    <time dateTime={r.event.date}>{formatEventDateTime(r.event.date, r.event.timezone)}</time> · {r.event.venueName},{' '}
                    {r.event.city}
                  </p>
                </div>
                <div>
                  <p>
                    <span className={`status status-${r.status}`}>{statusLabel[r.status]}</span>
                    {/* Time left, not a clock time: the venues of one list can be in different zones. */}
                    {r.status === 'active' ? <span className="muted"> · {minutesLeft(r.expiresAt, loadedAt)} left</span> : null}
                    {r.status === 'active' && r.payment === 'not_paid' ? (
                      <>
                        {' · '}
                        <span className="status status-not_paid">Not paid</span>
                      </>
                    ) : null}
                  </p>
                  <p>
                    {r.seatCount === 1 ? '1 seat' : `${r.seatCount} seats`} · {formatMoney(r.total, r.event.currency)}
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

// The clock is read with the data, so "time left" describes the moment the list was read.
async function load(userId: string) {
  return { reservations: await listUserReservations(db, userId), loadedAt: Date.now() };
}

function minutesLeft(expiresAt: string, now: number): string {
  const minutes = Math.max(1, Math.ceil((Date.parse(expiresAt) - now) / 60_000));
  return minutes === 1 ? 'under a minute' : `${minutes} minutes`;
}
