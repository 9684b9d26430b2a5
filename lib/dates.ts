// Show times print in the venue's own time zone (venues.timezone, IANA), with the zone named,
// so a fan abroad reads "8:00 PM EST" rather than their own clock.

type DateInput = string | Date;
const toDate = (d: DateInput) => (typeof d === 'string' ? new Date(d) : d);

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: 'full' | 'parts' | 'moment', timeZone: string, locale: string): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone}|${locale}`;
  let f = formatters.get(key);
  if (!f) {
    const zone = validZone(timeZone);
    const options: Intl.DateTimeFormatOptions =
      kind === 'full'
        ? { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }
        : kind === 'parts'
          ? { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }
          : { month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' };
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone });
    formatters.set(key, f);
  }
  return f;
}

// A bad zone in the data should print in UTC (which names itself), not crash the page.
function validZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** "Sat, Mar 14, 2026, 8:00 PM CDT" in the venue's time zone. */
export function formatEventDateTime(date: DateInput, timeZone: string, locale = 'en-US'): string {
  return formatter('full', timeZone, locale).format(toDate(date));
}

/** Parts for a compact date badge on an event card: { month: "Mar", day: "14", weekday: "Sat", time: "8:00 PM" }. */
export function eventDateParts(date: DateInput, timeZone: string, locale = 'en-US') {
  const parts = formatter('parts', timeZone, locale).formatToParts(toDate(date));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    month: get('month'),
    day: get('day'),
    weekday: get('weekday'),
    time: `${get('hour')}:${get('minute')} ${get('dayPeriod')}`.trim(),
  };
}

/** "Mar 14, 2026, 10:00 AM CDT": an on-sale time or a hold's end, in the venue's time zone. */
export function formatMoment(date: DateInput, timeZone: string, locale = 'en-US'): string {
  return formatter('moment', timeZone, locale).format(toDate(date));
}
