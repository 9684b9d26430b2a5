import Link from 'next/link';
import { DateBadge } from '@/components/events/date-badge';
import { formatEventDateTime } from '@/lib/dates';
import type { SearchEvent } from '@/lib/search/types';
import { Highlight } from './highlight';
import { ResultSale } from './result-sale';

/** `now` is when the page was rendered: it tells "on sale" from "on sale at …". */
export function SearchResultCard({ event, now }: { event: SearchEvent; now: number }) {
  const terms = event.highlights ?? [];
  const headingId = `result-${event.id}`;
  return (
    <article className="card event-card" aria-labelledby={headingId}>
      <DateBadge date={event.date} timezone={event.venue.timezone} />
      <div className="event-card-body">
        <h3 id={headingId}>
          <Link href={`/events/${event.id}`}>
            <Highlight text={event.name} terms={terms} />
          </Link>
        </h3>
        <p className="muted">
          <Highlight text={event.performer.name} terms={terms} />
        </p>
        <p>
          <time dateTime={event.date}>{formatEventDateTime(event.date, event.venue.timezone)}</time>
        </p>
        <p className="muted">
          <Highlight text={`${event.venue.name}, ${event.venue.city}`} terms={terms} />
        </p>
        {event.card ? <ResultSale card={event.card} date={event.date} timezone={event.venue.timezone} now={now} /> : null}
      </div>
    </article>
  );
}
