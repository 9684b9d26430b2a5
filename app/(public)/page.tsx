import type { Metadata } from 'next';
import Link from 'next/link';
import { EventCard } from '@/components/events/event-card';
import { db } from '@/db';
import { listHomeEvents } from '@/lib/events/list-home-events';

// Rendered per request (the city comes from the query string) but the same for every fan, so an
// edge keeps it for the time next.config.mjs's Cache-Control gives.
export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function cityParam(value: string | string[] | undefined): string | null {
  const city = (Array.isArray(value) ? value[0] : value)?.trim();
  return city && city.length <= 100 ? city : null;
}

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const city = cityParam((await searchParams).city);
  return { title: city ? `Events in ${city}` : { absolute: 'Ticketbooth: tickets for live events' } };
}

export default async function HomePage({ searchParams }: { searchParams: SearchParams }) {
  const city = cityParam((await searchParams).city);
  const { onSale, comingSoon, cities } = await listHomeEvents(db, { city });
  const inCity = city ? ` in ${city}` : '';

  return (
    <div className="stack">
      <header className="page-header">
        <h1>{city ? `Live events in ${city}` : 'Live events, fair tickets'}</h1>
        <p className="muted">Every price includes all fees. Pick your seats and we hold them for you while you check out.</p>
        <p>{city ? <Link href="/">Show events in all cities</Link> : <a href="#by-city">Browse events by city</a>}</p>
      </header>

      <section aria-labelledby="on-sale">
        <div className="section-title">
          <h2 id="on-sale">On sale now{inCity}</h2>
          {/* The home page shows the next few; search lists every upcoming event, soonest first. */}
          <Link href={city ? `/search?city=${encodeURIComponent(city)}` : '/search'}>See all upcoming events{inCity}</Link>
        </div>
        {onSale.length === 0 ? (
          <p className="muted">Nothing on sale{inCity} right now. Check the events coming soon below.</p>
        ) : (
          <ul className="event-grid">
            {onSale.map((event) => (
              <li key={event.id}>
                <EventCard event={event} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="coming-soon">
        <h2 id="coming-soon">Coming soon{inCity}</h2>
        <p className="muted">In the order they go on sale.</p>
        {comingSoon.length === 0 ? (
          <p className="muted">No announced on-sales{inCity} yet.</p>
        ) : (
          <ul className="event-grid">
            {comingSoon.map((event) => (
              <li key={event.id}>
                <EventCard event={event} variant="coming-soon" />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="by-city">
        <h2 id="by-city">By city</h2>
        {cities.length === 0 ? (
          <p className="muted">No upcoming events yet.</p>
        ) : (
          <ul className="chips">
            <li>
              <Link href="/" className="chip" aria-current={city ? undefined : 'true'}>
                All cities
              </Link>
            </li>
            {cities.map((c) => {
              const current = city !== null && c.city.toLowerCase() === city.toLowerCase();
              return (
                <li key={c.city}>
                  <Link href={`/?city=${encodeURIComponent(c.city)}`} className="chip" aria-current={current ? 'true' : undefined}>
                    {c.city}
                    <span className="chip-count">
                      <span className="sr-only">, </span>
                      {c.count}
                      <span className="sr-only"> {c.count === 1 ? 'event' : 'events'}</span>
                    </span>
                  </Link>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}
