import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { BookingStatusPoller } from '@/components/checkout/booking-status-poller';
import { Alert } from '@/components/ui/alert';
import { ButtonLink } from '@/components/ui/button';
import { db } from '@/db';
import { getSessionUser } from '@/lib/auth/session';
import { getBooking, type BookingView } from '@/lib/booking/get-booking';
import { signInHref } from '@/lib/callback-url';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { EventSummary } from '@/components/checkout/event-summary';
import { SeatTable } from '@/components/checkout/seat-table';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Your booking' };

type Params = Promise<{ bookingId: string }>;

const headings: Record<BookingView['status'], string> = {
  pending: 'Confirming your payment…',
  confirmed: 'You’re going!',
  refunded: 'Your payment was refunded',
  failed: 'Your payment did not go through',
  cancelled: 'This checkout was closed',
};

// Only reads: the return from Checkout was settled by /api/checkout/return before it sent the fan
// here, and a payment still pending is settled by the webhook while this page polls.
async function load(userId: string, bookingId: string) {
  try {
    return await getBooking(db, { userId, bookingId });
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

  const booking = await load(user.id, bookingId);

  const { event, tickets, status } = booking;

  return (
    <div className="stack">
      <header className="page-header">
        <p>
          <Link href="/bookings">My tickets</Link>
        </p>
        <h1>{headings[status]}</h1>
        <EventSummary event={event} />
      </header>

      <StatusMessage booking={booking} />
      {status === 'pending' ? <BookingStatusPoller /> : null}

      <SeatTable tickets={tickets} currency={booking.currency} total={booking.total} totalLabel={status === 'refunded' ? 'Refunded in full' : 'Total paid, all fees included'} />

      <div className="actions">
        {status === 'failed' ? <ButtonLink href={`/reservations/${booking.reservationId}`}>Back to your hold</ButtonLink> : null}
        {status === 'refunded' || status === 'cancelled' ? <ButtonLink href={`/events/${event.id}`}>Pick seats again</ButtonLink> : null}
        <Link href={`/events/${event.id}`}>Back to the event</Link>
      </div>
    </div>
  );
}

function StatusMessage({ booking }: { booking: BookingView }) {
  switch (booking.status) {
    case 'pending':
      return (
        <Alert tone="info" title="Payment pending">
          <p>We are waiting for the payment provider to confirm. This page updates by itself.</p>
        </Alert>
      );
    case 'confirmed':
      return (
        <Alert tone="success" title="Confirmed">
          <p>Your seats are booked and paid for. You can find them under My tickets at any time.</p>
        </Alert>
      );
    default:
      return (
        <Alert tone={booking.status === 'refunded' ? 'warning' : 'error'} title={booking.status === 'refunded' ? 'Refunded' : 'Not paid'}>
          <p>{booking.statusReason ?? 'This booking did not go through.'}</p>
        </Alert>
      );
  }
}
