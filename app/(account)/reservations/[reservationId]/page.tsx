import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { HoldCountdown } from '@/components/checkout/hold-countdown';
import { MoreTime } from '@/components/checkout/more-time';
import { PayButton } from '@/components/checkout/pay-button';
import { ReleaseHoldForm } from '@/components/checkout/release-hold-form';
import { Alert } from '@/components/ui/alert';
import { ButtonLink } from '@/components/ui/button';
import { db } from '@/db';
import { getSessionUser } from '@/lib/auth/session';
import { getReservation } from '@/lib/booking/get-reservation';
import { signInHref } from '@/lib/callback-url';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { EventSummary } from '@/components/checkout/event-summary';
import { SeatTable } from '@/components/checkout/seat-table';
import { formatMoney } from '@/lib/money';
import { payForHold, releaseHold } from './actions';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Your hold' };

type Params = Promise<{ reservationId: string }>;
type SearchParams = Promise<{ checkout?: string }>;

// The server's clock travels with the data: the countdown's first frame is drawn from it, so
// the server markup and the hydrated markup agree.
async function loadReservation(userId: string, reservationId: string) {
  try {
    return { reservation: await getReservation(db, { userId, reservationId }), loadedAt: Date.now() };
  } catch (error) {
    // Another fan's hold reads as missing, like one that does not exist.
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  }
}

export default async function ReservationPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { reservationId } = await params;
  const { checkout } = await searchParams;
  if (!isUuid(reservationId)) notFound();
  const user = await getSessionUser();
  if (!user) redirect(signInHref(`/reservations/${reservationId}`));

  const { reservation, loadedAt } = await loadReservation(user.id, reservationId);

  const { event, tickets, status } = reservation;
  const payment = reservation.booking?.payment ?? null;
  const eventHref = `/events/${event.id}`;
  const money = (minor: number) => formatMoney(minor, event.currency);
  const heading =
    status === 'active'
      ? 'Your seats are on hold'
      : status === 'expired'
        ? 'This hold has expired'
        : status === 'released'
          ? 'You released these seats'
          : 'These seats are booked';

  return (
    <div className="stack">
      <header className="page-header">
        <p>
          <Link href="/reservations">My holds</Link>
        </p>
        <h1>{heading}</h1>
        <EventSummary event={event} />
      </header>

      {status === 'active' && payment === 'confirming' ? (
        <Alert tone="info" title="Payment being confirmed">
          <p>
            You finished the checkout; we are waiting for the payment provider.{' '}
            <Link href={`/bookings/${reservation.booking!.id}`}>Follow your booking</Link>.
          </p>
        </Alert>
      ) : status === 'active' && (checkout === 'cancelled' || payment === 'not_paid') ? (
        <Alert tone="warning" title="Not paid">
          <p>The checkout ended without a payment. Your seats are still held until the timer runs out: pay before then to keep them.</p>
        </Alert>
      ) : null}

      {status === 'active' ? (
        <>
          <HoldCountdown expiresAt={reservation.expiresAt} serverNow={loadedAt} eventHref={eventHref} />
          <MoreTime
            reservationId={reservation.id}
            expiresAt={reservation.expiresAt}
            serverNow={loadedAt}
            holdMinutes={env.HOLD_MINUTES}
            extensionsUsed={reservation.extensions}
            extensionsMax={env.HOLD_EXTENSIONS_MAX}
          />
        </>
      ) : status === 'expired' ? (
        // Urgent: this usually appears because the countdown just ran out and refreshed the page.
        <Alert tone="warning" title="Your hold has expired" urgent>
          <p>The seats have been released so other fans can buy them. They may still be free if you pick them again.</p>
        </Alert>
      ) : status === 'released' ? (
        <Alert tone="info" title="Released">
          <p>You gave these seats back. They are available to other fans again.</p>
        </Alert>
      ) : (
        <Alert tone="success" title="Booked">
          <p>These seats are yours.</p>
        </Alert>
      )}

      <SeatTable tickets={tickets} currency={event.currency} total={reservation.total} totalLabel={'Total, all fees included'} />

      <div className="actions">
        {status === 'active' && payment !== 'confirming' ? (
          <>
            <PayButton
              reservationId={reservation.id}
              total={money(reservation.total)}
              publishableKey={env.STRIPE_PUBLISHABLE_KEY}
              payAction={payForHold}
            />
            <ReleaseHoldForm reservationId={reservation.id} eventId={event.id} releaseAction={releaseHold} />
          </>
        ) : status === 'converted' ? (
          <ButtonLink href="/bookings">My tickets</ButtonLink>
        ) : (
          <ButtonLink href={eventHref}>Pick seats again</ButtonLink>
        )}
        <Link href={eventHref}>Back to the event</Link>
      </div>
    </div>
  );
}
