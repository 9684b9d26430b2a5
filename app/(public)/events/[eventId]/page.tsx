import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache, Suspense } from 'react';
import { preload } from 'react-dom';
import { EventSeats } from '@/components/events/event-seats';
import { ReleasedNotice } from '@/components/events/released-notice';
import { WaitlistPanel } from '@/components/waitlist/waitlist-panel';
import { db } from '@/db';
import { maxTicketsPerHold } from '@/lib/booking/reserve-input';
import { formatEventDateTime, formatMoment } from '@/lib/dates';
import { env } from '@/lib/env';
import { loadEventPage } from '@/lib/events/event-page';
import { getKv } from '@/lib/kv';
import { availabilityUrl, seatsUrl } from '@/lib/events/read-urls';
import { saleStateAt } from '@/lib/events/sale-state';
import { formatMoney } from '@/lib/money';
import { pusherClientConfig } from '@/lib/realtime/pusher';
import { holdBestSeats, holdMapSeats } from './actions';

// The page every fan of an on-sale opens, so it is the same for every fan: public facts only,
// rendered without the request (no cookies, no query string) and kept by Next for a couple of
// seconds per event (incremental static regeneration), then by the edge for as long as
// next.config.mjs's Cache-Control says. What belongs to the fan (account, held seats, buttons)
// and the seats themselves reach the browser separately (components/events/event-seats.tsx).
// A queued event's page is made private by proxy.ts, which also still sends fans without an
// admission to the queue before this runs.
export const revalidate = 2;
export const dynamicParams = true;
export async function generateStaticParams() {
  return [];
}

type Params = Promise<{ eventId: string }>;

// Metadata and page both need the event; cache() makes it one load per render. The clock is
// read with the data, so the sale state and the prices describe the same moment.
const loadEvent = cache(async (eventId: string) => {
  const event = await loadEventPage(db, getKv(), eventId);
  if (!event) notFound();
  return { ...event, renderedAt: Date.now() };
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const event = await loadEvent((await params).eventId);
  return {
    title: event.name,
    description: `${event.performer.name} at ${event.venue.name}, ${event.venue.city}. ${formatEventDateTime(event.date, event.venue.timezone)}.`,
  };
}

export default async function EventPage({ params }: { params: Params }) {
  const event = await loadEvent((await params).eventId);
  const zone = event.venue.timezone;
  const sale = saleStateAt(event.renderedAt, event.onSaleAt, event.date);
  const { fromPrice, total } = event.seats;
  // The map's two reads start with the HTML instead of after hydration (crossOrigin matches the
  // credentials mode of the fetch() that will use them).
  if (event.seats.hash) {
    preload(seatsUrl(event.id, event.seats.hash), { as: 'fetch', crossOrigin: 'anonymous' });
    preload(availabilityUrl(event.id), { as: 'fetch', crossOrigin: 'anonymous' });
  }

  return (
    <div className="stack">
      <Suspense fallback={null}>
        <ReleasedNotice />
      </Suspense>

      <section className="event-hero" aria-labelledby="event-name">
        <div>
          <p className="muted">
            {event.category}
            {event.performer.genre.toLowerCase() === event.category.toLowerCase() ? null : ` · ${event.performer.genre}`}
          </p>
          <h1 id="event-name">{event.name}</h1>
          <p>
            <strong>{event.performer.name}</strong>
          </p>
          {/* Folded away so that on a phone the seat map starts within the first screen. */}
          {event.description ? (
            <details className="event-about">
              <summary>About this event</summary>
              <p>{event.description}</p>
            </details>
          ) : null}
        </div>
        <dl className="card facts">
          <dt>When</dt>
          <dd>
            <time dateTime={event.date}>{formatEventDateTime(event.date, zone)}</time>
          </dd>
          <dt>Where</dt>
          <dd>
            {event.venue.name}
            <br />
            <span className="muted">{event.venue.address}</span>
          </dd>
          <dt>Tickets</dt>
          <dd>
            {sale === 'past'
              ? 'This event has taken place'
              : sale === 'before'
                ? `On sale ${formatMoment(event.onSaleAt, zone)}`
                : total === 0
                  ? 'Not released yet'
                  : fromPrice === null
                    ? 'Sold out'
                    : `From ${formatMoney(fromPrice, event.currency)}, all fees included`}
          </dd>
        </dl>
      </section>

      <section aria-labelledby="seats-heading">
        <h2 id="seats-heading">Choose your seats</h2>
        <EventSeats
          eventId={event.id}
          seatsHash={event.seats.hash}
          currency={event.currency}
          prices={event.seats.prices}
          maxSeats={Math.min(maxTicketsPerHold, env.TICKET_LIMIT_PER_EVENT)}
          holdMinutes={env.HOLD_MINUTES}
          onSaleAt={event.onSaleAt}
          date={event.date}
          onSaleText={formatMoment(event.onSaleAt, zone)}
          renderedSale={sale}
          pusher={pusherClientConfig()}
          holdMapSeats={holdMapSeats}
          holdBestSeats={holdBestSeats}
        />
      </section>

      {sale === 'on' ? (
        <section aria-labelledby="waitlist-heading">
          <h2 id="waitlist-heading">Waitlist</h2>
          <WaitlistPanel
            eventId={event.id}
            currency={event.currency}
            prices={event.seats.prices}
            maxQuantity={env.TICKET_LIMIT_PER_EVENT}
          />
        </section>
      ) : null}
    </div>
  );
}
