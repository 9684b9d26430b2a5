import Link from 'next/link';
import { eventDateParts, formatEventDateTime } from '@/lib/dates';
import type { SearchEvent } from '@/lib/search/types';
import { Highlight } from './highlight';

export function SearchResultCard({ event }: { event: SearchEvent }) {
  const parts = eventDateParts(event.date, event.venue.timezone);
  const terms = event.highlights ?? [];
  const headingId = `result-${event.id}`;
  return (
    <article className="card event-card" aria-labelledby={headingId}>
      <p className="date-badge" aria-hidden="true">
        <span className="date-badge-month">{parts.month}</span>
        <span className="date-badge-day">{parts.day}</span>
        <span className="date-badge-weekday">{parts.weekday}</span>
      </p>
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
      </div>
    </article>
  );
}
