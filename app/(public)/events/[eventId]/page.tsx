import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { preload } from 'react-dom';
import { SeatPickerForm } from '@/components/events/seat-picker-form';
import { SeatRows, SectionPicker, summariseSections } from '@/components/events/seat-list';
import { BestAvailableForm } from '@/components/seat-map/best-available-form';
import { QueryProvider } from '@/components/seat-map/query-provider';
import { SeatMap } from '@/components/seat-map/seat-map';
import { Alert } from '@/components/ui/alert';
import { db } from '@/db';
import { getSessionUser } from '@/lib/auth/session';
import { listHeldSeats } from '@/lib/booking/list-held-seats';
import { maxTicketsPerHold } from '@/lib/booking/reserve-input';
import { signInHref } from '@/lib/callback-url';
import { formatEventDateTime, formatMoment } from '@/lib/dates';
import { env } from '@/lib/env';
import { getEventView } from '@/lib/events/get-event-view';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { getKv } from '@/lib/kv';
import { formatMoney } from '@/lib/money';
import { pusherClientConfig } from '@/lib/realtime/pusher';
import { countArrival } from '@/lib/waiting-room/auto-queue';
import { holdBestSeats, holdListedSeats, holdMapSeats } from './actions';

export const dynamic = 'force-dynamic';

type Params = Promise<{ eventId: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// Metadata and page both need the event; cache() makes it one load per request. The clock is
// read with the data so that on-sale checks and seat statuses describe the same moment.
const loadEvent = cache(async (eventId: string) => {
  if (!isUuid(eventId)) notFound();
  try {
    return { event: await getEventView(db, eventId), loadedAt: Date.now() };
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  }
});

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { event } = await loadEvent((await params).eventId);
  return {
    title: event.name,
    description: `${event.performer.name} at ${event.venue.name}, ${event.venue.city}. ${formatEventDateTime(event.date, event.venue.timezone)}.`,
  };
}

export default async function EventPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { eventId } = await params;
  const query = await searchParams;
  const [{ event, loadedAt: now }, user] = await Promise.all([loadEvent(eventId), getSessionUser()]);
  // An 'auto' waiting room opens when arrivals per minute pass its threshold.
  countArrival(db, getKv(), event.id);

  const onSale = Date.parse(event.onSaleAt) <= now;
  const past = Date.parse(event.date) <= now;
  const zone = event.venue.timezone;
  const sections = summariseSections(event);
  const requested = first(query.section);
  const selected =
    sections.find((s) => s.id === requested) ?? sections.find((s) => s.available > 0) ?? sections[0];
  const fromPrice = sections.reduce<number | null>(
    (low, s) => (s.available > 0 && (low === null || s.minPrice < low) ? s.minPrice : low),
    null,
  );
  const maxSeats = Math.min(maxTicketsPerHold, env.TICKET_LIMIT_PER_EVENT);
  const canHold = onSale && !past;
  const prices = [...new Set(event.tickets.map((t) => t.price))].sort((a, b) => a - b);
  const mySeats = user && canHold ? await listHeldSeats(db, user.id, event.id) : [];
  // The map's two reads start with the HTML instead of after hydration (crossOrigin matches the
  // credentials mode of the fetch() that will use them).
  for (const part of ['seats', 'availability']) preload(`/api/events/${event.id}/${part}`, { as: 'fetch', crossOrigin: 'anonymous' });

  const eventPath = `/events/${event.id}`;
  const sectionHref = (id: string) => `${eventPath}?section=${encodeURIComponent(id)}`;
  const here = selected ? sectionHref(selected.id) : eventPath;

  return (
    <div className="stack">
      {first(query.released) ? (
        <Alert tone="success" title="Your seats were released">
          <p>They are available to other fans again. You can pick new seats below.</p>
        </Alert>
      ) : null}

      <section className="event-hero" aria-labelledby="event-name">
        <div>
          <p className="muted">
            {event.category} · {event.performer.genre}
          </p>
          <h1 id="event-name">{event.name}</h1>
          <p>
            <strong>{event.performer.name}</strong>
          </p>
          {event.description ? <p>{event.description}</p> : null}
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
            <span className="muted">
              {event.venue.address}
            </span>
          </dd>
          <dt>Tickets</dt>
          <dd>
            {past
              ? 'This event has taken place'
              : !onSale
                ? `On sale ${formatMoment(event.onSaleAt, zone)}`
                : fromPrice === null
                  ? 'Sold out'
                  : `From ${formatMoney(fromPrice, event.currency)}, all fees included`}
          </dd>
        </dl>
      </section>

      <section aria-labelledby="seats-heading">
        <h2 id="seats-heading">Choose your seats</h2>
        {past ? (
          <Alert tone="info" title="This event has already taken place" />
        ) : !onSale ? (
          <Alert tone="info" title="Not on sale yet">
            <p>
              Tickets go on sale {formatMoment(event.onSaleAt, zone)}. Here is what will be available.
            </p>
          </Alert>
        ) : (
          <p className="muted">
            Pick up to {maxSeats} seats on the map or from the list below, then hold them: they are yours for{' '}
            {env.HOLD_MINUTES} minutes while you check out. Held and sold seats cannot be picked.
          </p>
        )}

        {sections.length === 0 || !selected ? (
          <p>No seats have been released for this event.</p>
        ) : (
          <>
            {/* The map reads static seats and compact availability from the API, never this ticket list. */}
            <QueryProvider>
              <SeatMap
                eventId={event.id}
                maxSeats={maxSeats}
                signInUrl={user ? null : signInHref(eventPath)}
                canHold={canHold}
                pusher={pusherClientConfig()}
                mySeats={mySeats}
                holdAction={holdMapSeats}
              />
            </QueryProvider>
            {canHold ? (
              <BestAvailableForm
                eventId={event.id}
                currency={event.currency}
                prices={prices}
                maxSeats={maxSeats}
                signInUrl={user ? null : signInHref(eventPath)}
                holdAction={holdBestSeats}
              />
            ) : null}
            <h3 id="list-heading">Or choose from a list</h3>
            <div className="seats-layout">
              <SectionPicker
                sections={sections}
                selectedId={selected.id}
                currency={event.currency}
                hrefFor={sectionHref}
              />
              <div>
                <h3>
                  {selected.name}
                  {selected.tierName ? <span className="muted"> · {selected.tierName}</span> : null}
                </h3>
                <p className="muted">
                  {selected.available === 0
                    ? 'Every seat in this section is taken. Try another section.'
                    : `${selected.available} of ${selected.total} seats available.`}
                </p>
                {onSale && !past ? (
                  <SeatPickerForm
                    // One section's seats are in the form at a time: a new section starts a new selection.
                    key={selected.id}
                    eventId={event.id}
                    sectionName={selected.name}
                    maxSeats={maxSeats}
                    signInUrl={user ? null : signInHref(here)}
                    holdAction={holdListedSeats}
                  >
                    <SeatRows section={selected} currency={event.currency} interactive />
                  </SeatPickerForm>
                ) : (
                  <SeatRows section={selected} currency={event.currency} interactive={false} />
                )}
              </div>
            </div>
          </>
        )}
      </section>
    </div>
  );
}
