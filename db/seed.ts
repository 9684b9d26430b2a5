import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { buildPerformers, buildVenues } from './seed/catalogue';
import { withoutIndexes } from './seed/bulk-load';
import { copyInto, copyText } from './seed/copy';
import { generateEvents, type SeedEvent } from './seed/events';
import { startOfUtcDay } from './seed/local-time';
import { ticketChunks, ticketColumns } from './seed/tickets';

// Fills an empty database with a deterministic catalogue: 150 performers, 40 venues with seat
// maps, events over the next twelve months and one available ticket per seat. Two runs on the
// same day produce identical rows, ids included.

export type SeedOptions = {
  events?: number; // default 320; 100,000 makes a catalogue for search benchmarks
  log?: (message: string) => void;
  now?: Date; // event dates are offsets from this day (UTC); default: today
};

export type SeedSummary = { performers: number; venues: number; events: number; tickets: number; ms: number; skipped: boolean };

export const defaultEventCount = 320;
// Only the first events get tickets: seats for a 100,000-event search catalogue would be billions
// of rows and add nothing to a search benchmark.
export const ticketedEventCount = 320;

const eventColumns = ['id', 'name', 'description', 'date', 'performer_id', 'venue_id', 'city', 'category', 'on_sale_at', 'currency'];

// Calls report(percent) each time another tenth of `total` is done.
function tenths(total: number, report: (percent: number) => void): (done: number) => void {
  let reported = 0;
  return (done) => {
    const tenth = Math.floor((done * 10) / total);
    if (tenth > reported) {
      reported = tenth;
      report(tenth * 10);
    }
  };
}

function* eventChunks(events: Iterable<SeedEvent>, each: (event: SeedEvent, done: number) => void): Generator<string> {
  let chunk = '';
  let done = 0;
  for (const e of events) {
    const { venue, performer } = e;
    chunk += `${e.id}\t${copyText(e.name)}\t${copyText(e.description)}\t${e.date.toISOString()}\t${performer.id}\t${venue.id}\t${copyText(venue.city.name)}\t${performer.category}\t${e.onSaleAt.toISOString()}\t${venue.city.currency}\n`;
    each(e, ++done);
    if (chunk.length >= 1 << 16) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

export async function seed(url: string, opts: SeedOptions = {}): Promise<SeedSummary> {
  const started = performance.now();
  const log = opts.log ?? (() => {});
  const eventCount = opts.events ?? defaultEventCount;
  const elapsed = () => Math.round(performance.now() - started);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    // One transaction: a seed that fails halfway leaves nothing behind, so the next start
    // seeds again instead of finding a half-filled database and calling it done.
    return await sql.begin(async (tx) => {
      // Two launchers starting at once: the second waits here, then sees the data and skips.
      await tx`select pg_advisory_xact_lock(hashtext('ticketbooth:seed'))`;
      const [state] = await tx<{ seeded: boolean }[]>`select exists (select 1 from events) as seeded`;
      if (state?.seeded) {
        log('already seeded');
        return { performers: 0, venues: 0, events: 0, tickets: 0, ms: elapsed(), skipped: true };
      }

      const performers = buildPerformers();
      await tx`insert into performers ${tx(
        performers.map((p) => ({ id: p.id, name: p.name, genre: p.genre, home_city: p.homeCity, bio: p.bio })),
      )}`;
      log(`performers: ${performers.length}`);

      const venues = buildVenues();
      for (const v of venues) {
        await tx`insert into venues (id, name, kind, address, city, timezone, capacity, seat_map)
          values (${v.id}, ${v.name}, ${v.kind}, ${v.address}, ${v.city.name}, ${v.city.timeZone}, ${v.capacity}, ${tx.json(v.seatMap)})`;
      }
      log(`venues: ${venues.length} (${venues.reduce((n, v) => n + v.capacity, 0)} seats in all)`);

      const ticketed: SeedEvent[] = [];
      // event_search is filled by a trigger on events (db/migrations/0004_search.sql).
      const ticketCount = await withoutIndexes(tx, ['events', 'tickets', 'event_search'], async () => {
        const eventProgress = tenths(eventCount, (pct) => log(`events: ${pct}% (${elapsed()} ms)`));
        const events = generateEvents(eventCount, performers, venues, startOfUtcDay(opts.now ?? new Date()));
        await copyInto(
          tx,
          'events',
          eventColumns,
          eventChunks(events, (event, done) => {
            if (ticketed.length < ticketedEventCount) ticketed.push(event);
            if (eventCount >= 10_000) eventProgress(done);
          }),
        );
        log(`events: ${eventCount} (${elapsed()} ms)`);

        const ticketProgress = tenths(ticketed.length, (pct) => log(`tickets: ${pct}% (${elapsed()} ms)`));
        await copyInto(tx, 'tickets', ticketColumns, ticketChunks(ticketed, ticketProgress));
        return ticketed.reduce((n, e) => n + e.venue.capacity, 0);
      });
      log(`tickets: ${ticketCount}; indexes rebuilt (${elapsed()} ms)`);

      // Fresh statistics so the first queries after a seed get sensible plans.
      await tx`analyze performers, venues, events, tickets, event_search, search_words`;
      return { performers: performers.length, venues: venues.length, events: eventCount, tickets: ticketCount, ms: elapsed(), skipped: false };
    });
  } finally {
    await sql.end();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const url = process.env.DATABASE_URL;
  const events = process.env.SEED_EVENTS ? Number(process.env.SEED_EVENTS) : undefined;
  if (!url) {
    console.error('DATABASE_URL is not set');
    process.exit(1);
  }
  if (events !== undefined && !(Number.isInteger(events) && events > 0)) {
    console.error(`SEED_EVENTS must be a positive integer, got "${process.env.SEED_EVENTS}"`);
    process.exit(1);
  }
  seed(url, { events, log: (m) => console.log(m) })
    .then((s) => console.log(`seeded: ${JSON.stringify(s)}`))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
