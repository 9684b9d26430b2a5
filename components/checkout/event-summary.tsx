import Link from 'next/link';
import { formatEventDateTime } from '@/lib/dates';

type Event = { id: string; name: string; date: string; timezone: string; venueName: string; city: string };

/** What a hold or booking is for: the event (linked), when in the venue's time zone, and where. */
export function EventSummary({ event }: { event: Event }) {
  return (
    <p>
      <Link href={`/events/${event.id}`}>
        <strong>{event.name}</strong>
      </Link>
      <br />
      <time dateTime={event.date}>{formatEventDateTime(event.date, event.timezone)}</time>
      <br />
      <span className="muted">
        {event.venueName}, {event.city}
      </span>
    </p>
  );
}
