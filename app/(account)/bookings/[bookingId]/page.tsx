import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { BookingStatusPoller } from '@/components/checkout/booking-status-poller';
import { HoldCountdown } from '@/components/checkout/hold-countdown';
import { PayButton } from '@/components/checkout/pay-button';
import { Alert } from '@/components/ui/alert';
import { ButtonLink } from '@/components/ui/button';
import { db } from '@/db';
import { getSessionUser } from '@/lib/auth/session';
import { getBooking, type BookingView } from '@/lib/booking/get-booking';
import { signInHref } from '@/lib/callback-url';
import { AppError } from '@/lib/errors';
import { env } from '@/lib/env';
import { isUuid } from '@/lib/ids';
import type { PaymentState } from '@/lib/booking/payment-state';
import { formatMoney } from '@/lib/money';
import { EventSummary } from '@/components/checkout/event-summary';
import { SeatTable } from '@/components/checkout/seat-table';
import { payForHold } from '../../reservations/[reservationId]/actions';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Your booking' };

type Params = Promise<{ bookingId: string }>;

const headings: Record<PaymentState, string> = {
  confirming: 'Confirming your payment…',
  paid: 'You’re going!',
  refunded: 'Your payment was refunded',
  not_paid: 'Not paid',
};

const totalLabels: Record<PaymentState, string> = {
  confirming: 'Total, all fees included',
  paid: 'Total paid, all fees included',
  refunded: 'Refunded in full',
  not_paid: 'Total to pay, all fees included',
};

// Only reads: the return from Checkout was settled by /api/checkout/return before it sent the fan
// here, and a payment still pending is settled by the webhook while this page polls.
async function load(userId: string, bookingId: string) {
  try {
    // The server's clock travels with the data, for the countdown's first frame.
    return { booking: await getBooking(db, { userId, bookingId }), loadedAt: Date.now() };
  } catch (error) {
    // Someone else's booking reads as missing: its existence is none of this fan's business.
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  }
}

export default async function BookingPage({ params }: { params: Params }) {
  const { bookingId } = await params;
  if (!isUuid(bookingId)) notFound();
  const user = await getSessionUser();
  if (!user) redirect(signInHref(`/bookings/${bookingId}`));

  const { booking, loadedAt } = await load(user.id, bookingId);

  const { event, tickets, payment } = booking;
  // A checkout left, declined or closed can still be paid while its hold lives.
  const payable = payment === 'not_paid' && booking.hold.live;

  return (
    <div className="stack">
      <header className="page-header">
        <p>
          <Link href="/bookings">My tickets</Link>
        </p>
        <h1>{headings[payment]}</h1>
        <EventSummary event={event} />
      </header>

      <StatusMessage booking={booking} payable={payable} />
      {payment === 'confirming' ? <BookingStatusPoller /> : null}
      {payable ? <HoldCountdown expiresAt={booking.hold.expiresAt} serverNow={loadedAt} eventHref={`/events/${event.id}`} /> : null}

      <SeatTable tickets={tickets} currency={booking.currency} total={booking.total} totalLabel={totalLabels[payment]} />

      <div className="actions">
        {payable ? (
          <PayButton
            reservationId={booking.reservationId}
            total={formatMoney(booking.total, booking.currency)}
            publishableKey={env.STRIPE_PUBLISHABLE_KEY}
            payAction={payForHold}
          />
        ) : null}
        {payment === 'refunded' || (payment === 'not_paid' && !payable) ? (
          <ButtonLink href={`/events/${event.id}`}>Pick seats again</ButtonLink>
        ) : null}
        <Link href={`/events/${event.id}`}>Back to the event</Link>
      </div>
    </div>
  );
}

function StatusMessage({ booking, payable }: { booking: BookingView; payable: boolean }) {
  switch (booking.payment) {
    case 'confirming':
      return (
        <Alert tone="info" title="Payment being confirmed">
          <p>You finished the checkout; we are waiting for the payment provider to confirm it. This page updates by itself.</p>
        </Alert>
      );
    case 'paid':
      return (
        <Alert tone="success" title="Confirmed">
          <p>Your seats are booked and paid for. You can find them under My tickets at any time.</p>
        </Alert>
      );
    case 'refunded':
      return (
        <Alert tone="warning" title="Refunded">
          <p>{booking.statusReason ?? 'Your payment was refunded.'}</p>
        </Alert>
      );
    default:
      return (
        <Alert tone="error" title="Not paid">
          <p>{booking.statusReason ?? 'The checkout was left before the payment was made.'}</p>
          <p>
            {payable
              ? 'Your seats are still held: pay before the timer runs out to keep them.'
              : 'The hold has ended, so these seats are no longer kept for you.'}
          </p>
        </Alert>
      );
  }
}
