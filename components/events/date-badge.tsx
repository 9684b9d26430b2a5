import { eventDateParts } from '@/lib/dates';

/** The calendar-leaf date on event cards, in the venue's time zone; decorative (the card states the date in words). */
export function DateBadge({ date, timezone }: { date: string; timezone: string }) {
  const parts = eventDateParts(date, timezone);
  return (
    <p className="date-badge" aria-hidden="true">
      <span className="date-badge-month">{parts.month}</span>
      <span className="date-badge-day">{parts.day}</span>
      <span className="date-badge-weekday">{parts.weekday}</span>
    </p>
  );
}
