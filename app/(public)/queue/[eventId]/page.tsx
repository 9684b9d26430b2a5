import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { QueuePanel } from '@/components/queue/queue-panel';
import { Alert } from '@/components/ui/alert';
import { db } from '@/db';
import { getSessionUser } from '@/lib/auth/session';
import { signInHref } from '@/lib/callback-url';
import { formatEventDateTime } from '@/lib/dates';
import { AppError } from '@/lib/errors';
import type { EventDetails } from '@/lib/events/event-details';
import { getEventDetails } from '@/lib/events/get-event-view';
import { isUuid } from '@/lib/ids';
import { getKv } from '@/lib/kv';
import { fanQueueStatus, type FanQueueView } from '@/lib/waiting-room/fan-status';
import { rejoinQueue } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Waiting room' };

type Params = Promise<{ eventId: string }>;

// Fans queue signed in: the admission is bound to the account that will hold the seats, and one
// place per account is what makes extra tabs and devices pointless.
export default async function QueuePage({ params }: { params: Params }) {
  const { eventId } = await params;
  if (!isUuid(eventId)) notFound();
  const user = await getSessionUser();
  if (!user) redirect(signInHref(`/queue/${eventId}`));

  const { event, status, loadedAt } = await load(eventId, user.id);
  if (status?.state === 'admitted') redirect(`/queue/${event.id}/enter`);

  return (
    <div className="stack form-card">
      <p className="muted">Waiting room</p>
      <h1>{event.name}</h1>
      <p data-testid="queue-event-facts">
        <time dateTime={event.date}>{formatEventDateTime(event.date, event.venue.timezone)}</time> · {event.venue.name}, {event.venue.city}
      </p>
      {status ? (
        <QueuePanel eventId={event.id} initial={status} serverNow={loadedAt} rejoin={rejoinQueue} />
      ) : (
        <Alert tone="error" title="The waiting room is busy">
          <p>We could not place you just now. Reload this page in a few seconds; nobody is let in meanwhile.</p>
        </Alert>
      )}
    </div>
  );
}

// The clock is read with the status so the countdown starts from the same moment.
async function load(eventId: string, userId: string): Promise<{ event: EventDetails; status: FanQueueView | null; loadedAt: number }> {
  try {
    const kv = getKv();
    const [event, status] = await Promise.all([
      getEventDetails(db, kv, eventId),
      fanQueueStatus(db, kv, eventId, userId).catch(unavailable),
    ]);
    return { event, status, loadedAt: Date.now() };
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  }
}

// A kv outage: say so rather than fail the page. Nobody is admitted while it lasts.
function unavailable(error: unknown): null {
  if (error instanceof AppError && error.code === 'unavailable') return null;
  throw error;
}
