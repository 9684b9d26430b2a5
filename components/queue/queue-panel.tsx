'use client';

import Link from 'next/link';
import { useActionState, useEffect, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import type { ActionState, SafeAction } from '@/lib/actions/safe-action';
import type { FanQueueView } from '@/lib/waiting-room/fan-status';
import { formatCountdown, formatWait } from './format-wait';

const pollMs = 3_000;

/**
 * The fan's live view of the waiting room: polls the status endpoint every few seconds and, the
 * moment the fan is admitted, sends the browser to the route that sets the admission cookie.
 */
export function QueuePanel({
  eventId,
  initial,
  serverNow,
  rejoin,
}: {
  eventId: string;
  initial: FanQueueView;
  serverNow: number;
  rejoin: SafeAction<never>;
}) {
  const [status, setStatus] = useState(initial);
  const [now, setNow] = useState(serverNow);
  const [offline, setOffline] = useState(false);
  const [rejoinState, dispatchRejoin, rejoining] = useActionState(rejoin, null as ActionState<never>);

  useEffect(() => {
    // A full navigation, not router.push: /enter is a route handler that sets a cookie and redirects.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    if (status.state === 'admitted') window.location.assign(`/queue/${eventId}/enter`);
  }, [status.state, eventId]);

  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      try {
        const response = await fetch(`/api/queue/${eventId}`, { cache: 'no-store' });
        if (!response.ok) throw new Error(String(response.status));
        const body = (await response.json()) as { status: FanQueueView };
        if (!stopped) {
          setStatus(body.status);
          setOffline(false);
        }
      } catch {
        // Keep the last known place on screen; the next poll may well succeed.
        if (!stopped) setOffline(true);
      }
    };
    const timer = window.setInterval(poll, pollMs);
    const clock = window.setInterval(() => setNow(Date.now()), 1_000);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      window.clearInterval(clock);
    };
  }, [eventId]);

  return (
    <div className="stack" aria-live="polite">
      {offline ? <Alert tone="warning" title="Reconnecting…">Your place is kept while we reconnect.</Alert> : null}
      {status.state === 'before_sale' ? (
        <div className="countdown" data-testid="queue-countdown">
          <p>The sale opens in</p>
          <p className="countdown-time">{formatCountdown(status.onSaleAt - now)}</p>
          <p className="muted">
            You are in the waiting room with {status.total.toLocaleString('en')} fans. When the sale opens, everyone
            here gets a place at random, so there is no advantage in arriving early or refreshing.
          </p>
        </div>
      ) : null}
      {status.state === 'waiting' ? (
        <div className="card stack" data-testid="queue-position">
          <p className="muted">Your place in the queue</p>
          <p className="countdown-time">{status.position.toLocaleString('en')}</p>
          <p>
            {status.ahead === 0
              ? 'You are next.'
              : `${status.ahead.toLocaleString('en')} ${status.ahead === 1 ? 'fan is' : 'fans are'} ahead of you.`}{' '}
            Estimated wait: {formatWait(status.etaSeconds)}.
          </p>
          <progress className="queue-progress" max={1} value={Math.min(1, status.progress)} aria-label="Progress through the queue" />
          <p className="muted">Keep this page open: it updates by itself and takes you in when it is your turn.</p>
        </div>
      ) : null}
      {status.state === 'admitted' ? (
        <Alert tone="success" title="It is your turn">
          <p>
            Taking you to the event… <Link href={`/queue/${eventId}/enter`}>Continue</Link>
          </p>
        </Alert>
      ) : null}
      {status.state === 'window_passed' ? (
        <Alert tone="warning" title="Your turn has passed" urgent>
          <p>
            You were let in, but the time to start booking ran out before you did. You can join the queue again at the
            back.
          </p>
          <form action={dispatchRejoin}>
            <input type="hidden" name="eventId" value={eventId} />
            <button type="submit" className="btn btn-primary" disabled={rejoining}>
              {rejoining ? 'Joining…' : 'Join the queue again'}
            </button>
          </form>
          {rejoinState && 'error' in rejoinState ? <p className="field-error">{rejoinState.error.message}</p> : null}
        </Alert>
      ) : null}
      {status.state === 'no_queue' || status.state === 'not_joined' ? (
        <Alert tone="info" title="No queue right now">
          <p>
            <Link href={`/events/${eventId}`}>Go to the event</Link> to choose your seats.
          </p>
        </Alert>
      ) : null}
    </div>
  );
}
