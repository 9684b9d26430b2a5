import { randomBytes } from 'node:crypto';
import type postgres from 'postgres';

// A small catalogue for search tests, in a city of its own so other tests' events never show up:
// every query is filtered to that city (names like "Beyoncé" repeat across runs on purpose).

const letters = (n: number) => Array.from(randomBytes(n), (b) => String.fromCharCode(97 + (b % 26))).join('');

export type Catalogue = {
  city: string;
  otherCity: string;
  ids: Record<string, string>;
  all: string[];
};

type EventSpec = {
  key: string;
  performer: string;
  name: string;
  venue: string;
  date: Date;
  description?: string;
  city?: string;
  category?: string;
};

const days = (n: number) => new Date(Date.now() + n * 86_400_000);
// Local wall-clock time in Los Angeles (UTC-8 in March, before DST starts on the 9th in 2031).
const la = (day: string, time: string) => new Date(`${day}T${time}-08:00`);

export async function createSearchCatalogue(sql: postgres.Sql): Promise<Catalogue> {
  const city = `Qz${letters(10)}`;
  const otherCity = `Qy${letters(10)}`;
  const performerNames = ['Beyoncé', 'Metallica', 'Taylor Swift', 'Harbor Choir', 'Pager Nine', 'Tamsin Gray', 'Paget Lane'];
  const performers = new Map<string, string>();
  for (const name of performerNames) {
    const [row] = await sql`insert into performers (name, genre, home_city) values (${name}, 'pop', 'Nowhere') returning id`;
    performers.set(name, row!.id as string);
  }
  const venues = new Map<string, string>();
  for (const name of ['Orpheum Hall', 'Beyoncé Pavilion']) {
    const [row] = await sql`
      insert into venues (name, kind, address, city, timezone, capacity, seat_map)
      values (${name}, 'theatre', '1 Main Street', ${city}, 'America/Los_Angeles', 0, ${sql.json({} as never)}) returning id`;
    venues.set(name, row!.id as string);
  }
  const specs: EventSpec[] = [
    { key: 'performer', performer: 'Beyoncé', name: 'Beyoncé: Renaissance', venue: 'Orpheum Hall', date: days(10) },
    { key: 'performerSooner', performer: 'Beyoncé', name: 'Beyoncé: Renaissance', venue: 'Orpheum Hall', date: days(3) },
    { key: 'performerLater', performer: 'Beyoncé', name: 'Beyoncé: Renaissance', venue: 'Orpheum Hall', date: days(300) },
    { key: 'eventName', performer: 'Harbor Choir', name: 'Songs of Beyoncé', venue: 'Orpheum Hall', date: days(2) },
    { key: 'venue', performer: 'Taylor Swift', name: 'The Eras', venue: 'Beyoncé Pavilion', date: days(1.5) },
    {
      key: 'description',
      performer: 'Metallica',
      name: 'Master of Puppets',
      venue: 'Orpheum Hall',
      date: days(1),
      description: 'Opening for Beyoncé, live.',
    },
    { key: 'past', performer: 'Beyoncé', name: 'Beyoncé: Renaissance', venue: 'Orpheum Hall', date: days(-2) },
    { key: 'otherCity', performer: 'Pager Nine', name: 'Pager Nine Live', venue: 'Orpheum Hall', date: days(5), city: otherCity },
    { key: 'comedy', performer: 'Pager Nine', name: 'Pager Nine Laughs', venue: 'Orpheum Hall', date: days(6), category: 'comedy' },
    // Typos: "Tmasin" is one swap from Tamsin; "pager" one letter from Paget, whose show is sooner.
    { key: 'tamsin', performer: 'Tamsin Gray', name: 'Quiet Hours', venue: 'Orpheum Hall', date: days(7) },
    { key: 'paget', performer: 'Paget Lane', name: 'Lane Songs', venue: 'Orpheum Hall', date: days(0.5) },
    // Date-range edges, in the venue's time zone, around 5-7 March 2031.
    { key: 'dayBefore', performer: 'Pager Nine', name: 'Edge Night', venue: 'Orpheum Hall', date: la('2031-03-04', '23:59:59.999') },
    { key: 'firstDayLate', performer: 'Pager Nine', name: 'Edge Night', venue: 'Orpheum Hall', date: la('2031-03-05', '21:00:00') },
    { key: 'lastDayStart', performer: 'Pager Nine', name: 'Edge Night', venue: 'Orpheum Hall', date: la('2031-03-07', '00:00:00') },
    { key: 'lastDayEnd', performer: 'Pager Nine', name: 'Edge Night', venue: 'Orpheum Hall', date: la('2031-03-07', '23:59:59.999') },
    { key: 'dayAfter', performer: 'Pager Nine', name: 'Edge Night', venue: 'Orpheum Hall', date: la('2031-03-08', '00:00:00') },
  ];
  const ids: Record<string, string> = {};
  for (const s of specs) {
    const [row] = await sql`
      insert into events (name, description, date, performer_id, venue_id, city, category, on_sale_at)
      values (${s.name}, ${s.description ?? ''}, ${s.date}, ${performers.get(s.performer)!}, ${venues.get(s.venue)!},
              ${s.city ?? city}, ${s.category ?? 'concert'}, ${days(-30)})
      returning id`;
    ids[s.key] = row!.id as string;
  }
  return { city, otherCity, ids, all: Object.values(ids) };
}

/** `count` events of one new performer in a new city, on distinct future days. */
export async function createManyEvents(
  sql: postgres.Sql,
  count: number,
): Promise<{ city: string; ids: string[]; firstDay: string; performerId: string; venueId: string }> {
  const city = `Qp${letters(10)}`;
  const [performer] =
    await sql`insert into performers (name, genre, home_city) values ('Pagination Parade', 'pop', 'Nowhere') returning id`;
  const [venue] = await sql`
    insert into venues (name, kind, address, city, capacity, seat_map)
    values ('Paging Hall', 'theatre', '1 Main Street', ${city}, 0, ${sql.json({} as never)}) returning id`;
  // Some share a date, so the id tie-break is what keeps the pages stable.
  const rows = Array.from({ length: count }, (_, i) => ({
    name: 'Pagination Parade Live',
    description: '',
    date: days(1 + Math.floor(i / 3)),
    performer_id: performer!.id as string,
    venue_id: venue!.id as string,
    city,
    category: 'concert',
    on_sale_at: days(-1),
  }));
  const inserted = await sql`insert into events ${sql(rows)} returning id`;
  return {
    city,
    ids: inserted.map((r) => r.id as string),
    firstDay: rows[0]!.date.toISOString(),
    performerId: performer!.id as string,
    venueId: venue!.id as string,
  };
}
