import { describe, expect, it } from 'vitest';
import { eventDateParts, formatEventDateTime, formatMoment } from './dates';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('event times', () => {
  // 01:00 UTC on 15 March 2026 is 8 PM the evening before in Chicago (CDT, after the DST change).
  const iso = '2026-03-15T01:00:00.000Z';

  it("prints the start in the venue's time zone, naming the zone", () => {
    expect(plain(formatEventDateTime(iso, 'America/Chicago'))).toBe('Sat, Mar 14, 2026, 8:00 PM CDT');
    expect(plain(formatEventDateTime(iso, 'Europe/London'))).toBe('Sun, Mar 15, 2026, 1:00 AM GMT');
    expect(plain(formatMoment(iso, 'America/Chicago'))).toBe('Mar 14, 2026, 8:00 PM CDT');
  });

  it('gives the parts for a date badge in local time', () => {
    expect(eventDateParts(iso, 'America/Chicago')).toEqual({ month: 'Mar', day: '14', weekday: 'Sat', time: '8:00 PM' });
  });

  it('falls back to UTC for a zone Intl does not know', () => {
    expect(plain(formatEventDateTime(iso, 'Mars/Olympus_Mons'))).toBe('Sun, Mar 15, 2026, 1:00 AM UTC');
  });
});
