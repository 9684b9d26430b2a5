'use client';

import Link from 'next/link';
import { useActionState, useEffect, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import type { ActionState, SafeAction } from '@/lib/actions/safe-action';
import type { FanQueueView } from '@/lib/waiting-room/fan-status';
import { formatTicketsLeft } from './format-supply';
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

  const soldOut = status.state === 'sold_out';
  useEffect(() => {
    // Nothing more will change for a fan once the event is sold out.
    if (soldOut) return;
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
  }, [eventId, soldOut]);

  return (
    <div className="stack" aria-live="polite">
      {offline ? (
        <Alert tone="warning" title="Reconnecting…">
          Your place is kept while we reconnect.
        </Alert>
      ) : null}
      {status.state === 'before_sale' ? (
        <div className="countdown" data-testid="queue-countdown">
          <p>The sale opens in</p>
          <p className="countdown-time">{formatCountdown(status.onSaleAt - now)}</p>
          <p className="muted">
            You are in the waiting room with {status.total.toLocaleString('en')} {status.total === 1 ? 'fan' : 'fans'}. When the sale opens,
            everyone here gets a place at random, so there is no advantage in arriving early or refreshing.
          </p>
          <Supply left={status.ticketsLeft} held={status.ticketsHeld} />
          <Waits p25={status.waits.p25Seconds} p50={status.waits.p50Seconds} afterOpening />
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
          <Supply left={status.ticketsLeft} held={status.ticketsHeld} />
          <Waits p25={status.waits.p25Seconds} p50={status.waits.p50Seconds} />
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
          <p>You were let in, but the time to start booking ran out before you did. You can join the queue again at the back.</p>
          <form action={dispatchRejoin}>
            <input type="hidden" name="eventId" value={eventId} />
            <button type="submit" className="btn btn-primary" disabled={rejoining}>
              {rejoining ? 'Joining…' : 'Join the queue again'}
            </button>
          </form>
          {rejoinState && 'error' in rejoinState ? <p className="field-error">{rejoinState.error.message}</p> : null}
        </Alert>
      ) : null}
      {status.state === 'sold_out' ? (
        <Alert tone="warning" title="Sold out" urgent>
          <p data-testid="queue-sold-out">
            Every ticket for this event has been sold. Nobody else will be let in from the queue, so there is no need to keep waiting.
          </p>
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

function Supply({ left, held }: { left: number; held: number }) {
  return <p data-testid="queue-supply">{formatTicketsLeft(left, held)}</p>;
}

// Percentiles over the fans waiting now, so a fan far back sees that most of the line is ahead of
// them, not a single number that only fits the middle.
function Waits({ p25, p50, afterOpening = false }: { p25: number; p50: number; afterOpening?: boolean }) {
  const from = afterOpening ? ' of the opening' : '';
  return (
    <p className="muted" data-testid="queue-waits">
      {within(p25) === within(p50)
        ? `Of the fans waiting now, half get in within ${within(p50)}${from}.`
        : `Of the fans waiting now, a quarter get in within ${within(p25)} and half within ${within(p50)}${from}.`}
    </p>
  );
}

const within = (seconds: number) => (seconds < 60 ? 'a minute' : formatWait(seconds).replace('about ', ''));
