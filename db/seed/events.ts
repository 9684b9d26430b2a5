import type { VenueKind } from '@/lib/venues/seat-map';
import type { SeedPerformer, SeedVenue } from './catalogue';
import { describe, eventName } from './event-copy';
import { localTime } from '@/lib/local-time';
import type { Category, Genre } from './performers';
import { intBetween, pick, shuffle, stream, uuid } from './random';

export type SeedEvent = {
  id: string;
  name: string;
  description: string;
  date: Date;
  onSaleAt: Date;
  performer: SeedPerformer;
  venue: SeedVenue;
  popularity: number; // this show's demand, 0..1: the act's popularity give or take a little
};

// Of every 320 events, 6 are stadium shows and 64 arena shows; the rest are in theatres. That
// keeps the default seed near 1.4 million tickets (a stadium show alone is ~40,000).
const block = { size: 320, stadium: 6, arena: 64 };

const notInArenas: Genre[] = ['jazz', 'classical', 'musical'];
const stadiumGenres: Genre[] = ['pop', 'rock', 'country', 'latin', 'k-pop', 'hip-hop', 'sports'];

// How often each act is booked into each kind of room, 0 for never: big rooms need popular acts,
// nobody books an orchestra into a stadium, and theatres favour musicals and comedy.
const theatreWeight: Partial<Record<Genre, number>> = { sports: 0, musical: 5, comedy: 2 };
const bookingWeight: Record<VenueKind, (p: SeedPerformer) => number> = {
  theatre: (p) => theatreWeight[p.genre] ?? 1,
  arena: (p) => (notInArenas.includes(p.genre) || p.popularity < 0.35 ? 0 : p.genre === 'sports' ? 2 : 1),
  stadium: (p) => (stadiumGenres.includes(p.genre) && p.popularity >= 0.7 ? 1 : 0),
};

// Local start times [hour, minute]: evening shows, theatre matinees, daytime family shows.
const showTimes: Record<Category, [number, number][]> = {
  concert: [
    [19, 30],
    [20, 0],
    [20, 0],
    [21, 0],
  ],
  comedy: [
    [19, 0],
    [20, 0],
    [21, 30],
  ],
  theatre: [
    [19, 30],
    [19, 30],
    [20, 0],
    [14, 0],
  ],
  family: [
    [11, 0],
    [14, 0],
    [18, 0],
  ],
  sports: [
    [18, 0],
    [19, 0],
    [19, 30],
  ],
};

function kindPlan(rng: () => number): VenueKind[] {
  const plan: VenueKind[] = Array.from({ length: block.size }, (_, i) =>
    i < block.stadium ? 'stadium' : i < block.stadium + block.arena ? 'arena' : 'theatre',
  );
  return shuffle(rng, plan);
}

// Events in a fixed order: the first N are the same whatever the total, and the dates are offsets
// from `today` so the draws never depend on the date the seed runs.
export function* generateEvents(count: number, performers: SeedPerformer[], venues: SeedVenue[], today: Date): Generator<SeedEvent> {
  const rng = stream('events');
  const planRng = stream('event-kinds');
  const kinds: VenueKind[] = ['theatre', 'arena', 'stadium'];
  const venuesOf = Object.fromEntries(kinds.map((k) => [k, venues.filter((v) => v.kind === k)])) as Record<VenueKind, SeedVenue[]>;
  const actsFor = Object.fromEntries(
    kinds.map((k) => [k, performers.flatMap((p) => Array<SeedPerformer>(bookingWeight[k](p)).fill(p))]),
  ) as Record<VenueKind, SeedPerformer[]>;
  // Days already booked per venue: one show a night while the calendar has room.
  const booked = new Map<string, Uint8Array>();

  let plan: VenueKind[] = [];
  for (let i = 0; i < count; i++) {
    if (i % block.size === 0) plan = kindPlan(planRng);
    const kind = plan[i % block.size]!;
    const venue = pick(rng, venuesOf[kind]);
    const performer = pick(rng, actsFor[kind]);

    const days = booked.get(venue.id) ?? new Uint8Array(366);
    booked.set(venue.id, days);
    let day = intBetween(rng, 1, 365);
    for (let tries = 0; tries < 365 && days[day]; tries++) day = (day % 365) + 1;
    days[day] = 1;

    const [hour, minute] = pick(rng, showTimes[performer.category]);
    // About one in ten goes on sale in the coming weeks; the rest are on sale already.
    const onSaleLater = rng() < 0.1 && day > 1;
    const saleDay = onSaleLater ? intBetween(rng, 1, Math.min(30, day - 1)) : -intBetween(rng, 1, 90);
    const zone = venue.city.timeZone;
    const facts = {
      performer: performer.name,
      tour: performer.tour,
      label: performer.label,
      home: performer.homeCity,
      venue: venue.name,
      city: venue.city.name,
    };
    yield {
      id: uuid(rng),
      name: eventName(performer.name, performer.tour),
      description: describe(rng, performer.category, facts),
      date: localTime(today, day, hour, minute, zone),
      onSaleAt: localTime(today, saleDay, 10, 0, zone),
      performer,
      venue,
      popularity: Math.min(1, Math.max(0, performer.popularity + (rng() - 0.5) * 0.2)),
    };
  }
}
