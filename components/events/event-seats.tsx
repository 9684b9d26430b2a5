'use client';

import { Suspense, useEffect, useMemo } from 'react';
import { useMe, useMyEventState } from '@/components/account/use-me';
import { BestAvailableForm } from '@/components/seat-map/best-available-form';
import { SeatMap } from '@/components/seat-map/seat-map';
import { Alert } from '@/components/ui/alert';
import type { RedirectingAction } from '@/lib/actions/safe-action';
import { signInHref } from '@/lib/callback-url';
import { seatsUrl } from '@/lib/events/read-urls';
import type { SaleState } from '@/lib/events/sale-state';
import type { PusherClientConfig } from '@/lib/realtime/channels';
import { SeatList } from './seat-list';
import { useSaleState } from './use-sale-state';

type Props = {
  eventId: string;
  /** Content hash of the geometry; null when the event has no seats yet. */
  seatsHash: string | null;
  currency: string;
  prices: number[];
  maxSeats: number;
  holdMinutes: number;
  onSaleAt: string;
  date: string;
  /** "Mar 14, 2026, 10:00 AM CDT", in the venue's zone (formatted where the zone is known). */
  onSaleText: string;
  /** The sale state when the page was rendered, so the first paint matches the HTML. */
  renderedSale: SaleState;
  pusher: PusherClientConfig | null;
  holdMapSeats: RedirectingAction;
  holdBestSeats: RedirectingAction;
};

const none: number[] = [];

/**
 * Everything on the event page that depends on the fan or the clock: whether they are signed
 * in (buttons), the seats they hold (drawn as theirs), whether the sale has opened, and, for a
 * queued event, whether they must go to the queue first. The HTML around it is one cached copy
 * for everyone; these come from GET /api/me and /api/me/holds, never from the page.
 */
export function EventSeats(props: Props) {
  const { eventId, seatsHash, maxSeats } = props;
  const eventPath = `/events/${eventId}`;
  const me = useMe();
  const mine = useMyEventState(eventId);
  const sale = useSaleState(props.onSaleAt, props.date, props.renderedSale);
  const canHold = sale === 'on';
  // Unknown until /api/me answers: treated as signed in, and a hold then says if it is not.
  const signedOut = me.data?.user === null;

  // An edge may still serve a copy of this page from just before its waiting room opened (for a
  // few seconds at most: proxy.ts makes a queued event's page private). The fan's own check
  // then sends them to the queue, as the page itself would have; holds refuse them regardless.
  const queueRequired = mine.data?.queueRequired === true;
  const mySeats = mine.data?.seats ?? none;
  const mySeatSet = useMemo(() => new Set(mySeats), [mySeats]);

  useEffect(() => {
    if (queueRequired) window.location.replace(`/queue/${eventId}`);
  }, [queueRequired, eventId]);

  return (
    <>
      {sale === 'past' ? (
        <Alert tone="info" title="This event has already taken place" />
      ) : sale === 'before' ? (
        <Alert tone="info" title="Not on sale yet">
          <p>Tickets go on sale {props.onSaleText}. Here is what will be available.</p>
        </Alert>
      ) : (
        <p className="muted">
          Pick up to {maxSeats} seats, then hold them: they are yours for {props.holdMinutes} minutes while you check out.
        </p>
      )}
      {seatsHash === null ? (
        <p>No seats have been released for this event.</p>
      ) : (
        <>
          <SeatMap
            eventId={eventId}
            seatsUrl={seatsUrl(eventId, seatsHash)}
            maxSeats={maxSeats}
            signInUrl={signedOut ? signInHref(`${eventPath}?hold=1`) : null}
            canHold={canHold}
            pusher={props.pusher}
            mySeats={mySeats}
            holdAction={props.holdMapSeats}
            signedIn={Boolean(me.data?.user)}
          />
          {canHold ? (
            <BestAvailableForm
              eventId={eventId}
              currency={props.currency}
              prices={props.prices}
              maxSeats={maxSeats}
              signInUrl={signedOut ? signInHref(eventPath) : null}
              holdAction={props.holdBestSeats}
            />
          ) : null}
          {/* The list reads ?section= from the URL, which a cached page cannot know: it renders in the browser. */}
          <Suspense fallback={<p aria-busy="true">Loading the seat list…</p>}>
            <SeatList
              eventId={eventId}
              seatsUrl={seatsUrl(eventId, seatsHash)}
              maxSeats={maxSeats}
              canHold={canHold}
              signInUrlFor={signedOut ? signInHref : null}
              holdAction={props.holdMapSeats}
              mine={mySeatSet}
            />
          </Suspense>
        </>
      )}
    </>
  );
}
