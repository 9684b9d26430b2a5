import Link from 'next/link';
import { DateBadge } from '@/components/events/date-badge';
import type { HomeEvent } from '@/lib/events/list-home-events';
import { formatEventDateTime, formatMoment } from '@/lib/dates';
import { formatMoney } from '@/lib/money';

export function EventCard({ event, variant = 'on-sale' }: { event: HomeEvent; variant?: 'on-sale' | 'coming-soon' }) {
  const headingId = `event-${event.id}`;
  return (
    <article className="card event-card" aria-labelledby={headingId}>
      <DateBadge date={event.date} timezone={event.timezone} />
      <div className="event-card-body">
        <h3 id={headingId}>
          <Link href={`/events/${event.id}`}>{event.name}</Link>
        </h3>
        <p className="muted">{event.performerName}</p>
        <p>
          <time dateTime={event.date}>{formatEventDateTime(event.date, event.timezone)}</time>
        </p>
        <p className="muted">
          {event.venueName}, {event.city}
        </p>
        {variant === 'coming-soon' ? (
          <p>
            <span className="tag">On sale {formatMoment(event.onSaleAt, event.timezone)}</span>
          </p>
        ) : event.fromPrice === null ? (
          <p className="price-from">Sold out</p>
        ) : (
          <p className="price-from">From {formatMoney(event.fromPrice, event.currency)}</p>
        )}
      </div>
    </article>
  );
}
