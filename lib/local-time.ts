// Turns "20:00 on day N in Montréal" into an instant, so shows start at local evening hours in
// every time zone (and across daylight-saving changes) without a date library.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

// How far the zone's wall clock is ahead of UTC at `instant`, in ms.
function zoneOffset(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!);
  return wall - Math.floor(instant / 60_000) * 60_000;
}

// `day` is a UTC midnight; the result is hour:minute local time, `addDays` calendar days later.
export function localTime(day: Date, addDays: number, hour: number, minute: number, timeZone: string): Date {
  const wall = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + addDays, hour, minute);
  const guess = wall - zoneOffset(wall, timeZone);
  // A second pass corrects a guess that landed on the other side of a DST change.
  return new Date(wall - zoneOffset(guess, timeZone));
}

export function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/**
 * A wall-clock time in a zone ("2027-05-01T20:00" in Europe/Lisbon) as an instant, or null when
 * that time does not exist there (skipped by a daylight-saving change).
 */
export function zonedWallTime(
  wall: { year: number; month: number; day: number; hour: number; minute: number },
  timeZone: string,
): Date | null {
  const instant = localTime(new Date(Date.UTC(wall.year, wall.month - 1, wall.day)), 0, wall.hour, wall.minute, timeZone);
  const back = zoneOffset(instant.getTime(), timeZone) + instant.getTime();
  const expected = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  return back === expected ? instant : null;
}

/** True for a time zone this runtime knows by its IANA name. */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return value.includes('/') || value === 'UTC';
  } catch {
    return false;
  }
}
