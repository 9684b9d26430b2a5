import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { createPerformers } from '@/lib/catalogue/create-performers';
import { createVenue } from '@/lib/catalogue/create-venue';
import { insertEvents } from '@/lib/catalogue/insert-events';
import { issueTickets, type CopyRows, type TicketIssue } from '@/lib/catalogue/issue-tickets';
import type { NewEvent } from '@/lib/catalogue/types';
import * as schema from './schema';
import { withoutIndexes } from './seed/bulk-load';
import { buildPerformers, buildVenues } from './seed/catalogue';
import { copyInto } from './seed/copy';
import { demoExternalId } from './seed/demo-on-sale';
import { generateEvents, type SeedEvent } from './seed/events';
import { startOfUtcDay } from '@/lib/local-time';
import { tierPrices } from './seed/pricing';
import { stream, uuid } from './seed/random';

// Fills an empty database with a deterministic catalogue: 150 performers, 40 venues with seat
// maps, events over the next twelve months and one available ticket per seat, all put on through
// lib/catalogue as an organiser's would be. Two runs on the same day produce identical rows, ids
// included. A fresh database has nothing cached, and Postgres keeps search documents by trigger;
// with Elasticsearch, run `npm run search:reindex`.

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
// Events are generated and inserted this many at a time, so a large catalogue never sits in memory.
const eventBatch = 5_000;

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

const newEvent = (e: SeedEvent, demo: boolean): NewEvent => ({
  id: e.id,
  externalId: demo ? demoExternalId : null,
  name: e.name,
  description: e.description,
  category: e.performer.category,
  performerId: e.performer.id,
  venueId: e.venue.id,
  city: e.venue.city.name,
  date: e.date,
  onSaleAt: e.onSaleAt,
  currency: e.venue.city.currency,
});

const ticketIssue = (e: SeedEvent): TicketIssue => {
  const { kind, seatMap, city } = e.venue;
  const prices = tierPrices(kind, seatMap.tiers.length, e.popularity, city.currency);
  return { eventId: e.id, seatMap, prices: Object.fromEntries(seatMap.tiers.map((t, i) => [t.id, prices[i]!])), currency: city.currency };
};

export async function seed(url: string, opts: SeedOptions = {}): Promise<SeedSummary> {
  const started = performance.now();
  const log = opts.log ?? (() => {});
  const eventCount = opts.events ?? defaultEventCount;
  const elapsed = () => Math.round(performance.now() - started);
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    // One transaction: a seed that fails halfway leaves nothing behind, so the next start
    // seeds again instead of finding a half-filled database and calling it done. Drizzle runs on
    // the transaction's own connection, so the catalogue's writes and the tickets' COPY share it.
    return await client.begin(async (ptx) => {
      // A transaction handle lacks the pool's options, where drizzle installs its type parsers
      // (on the shared object, so the connection parses as drizzle expects); lend it them.
      const tx = drizzle({ client: Object.assign(ptx, { options: client.options }) as unknown as postgres.Sql, schema });
      // The bulk path of lib/catalogue's writes: COPY on this same transaction.
      const copy: CopyRows = (table, columns, chunks) => copyInto(ptx, table, columns, chunks);
      // Two launchers starting at once: the second waits here, then sees the data and skips.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('ticketbooth:seed'))`);
      const [state] = await tx.execute<{ seeded: boolean }>(sql`select exists (select 1 from events) as seeded`);
      if (state?.seeded) {
        log('already seeded');
        return { performers: 0, venues: 0, events: 0, tickets: 0, ms: elapsed(), skipped: true };
      }

      const performers = buildPerformers();
      await createPerformers(
        tx,
        performers.map((p) => ({ id: p.id, name: p.name, genre: p.genre, homeCity: p.homeCity, bio: p.bio })),
      );
      log(`performers: ${performers.length}`);

      const venues = buildVenues();
      for (const v of venues) {
        await createVenue(tx, {
          id: v.id,
          name: v.name,
          kind: v.kind,
          address: v.address,
          city: v.city.name,
          timezone: v.city.timeZone,
          seatMap: v.seatMap,
        });
      }
      log(`venues: ${venues.length} (${venues.reduce((n, v) => n + v.capacity, 0)} seats in all)`);

      // event_search is filled by a trigger on events (db/migrations/0004_search.sql).
      const ticketCount = await withoutIndexes(tx, ['events', 'tickets', 'event_search'], async () => {
        const eventProgress = tenths(eventCount, (pct) => log(`events: ${pct}% (${elapsed()} ms)`));
        const ticketed: SeedEvent[] = [];
        let batch: SeedEvent[] = [];
        let done = 0;
        // The demo on-sale (seed/demo-on-sale.ts): the first ticketed theatre show at least a week
        // out, small enough for a newcomer to watch it sell.
        let demoId: string | undefined;
        const weekOut = startOfUtcDay(opts.now ?? new Date()).getTime() + 7 * 86_400_000;
        const flush = async () => {
          await insertEvents(
            tx,
            batch.map((e) => newEvent(e, e.id === demoId)),
            { copy },
          );
          done += batch.length;
          if (eventCount >= 10_000) eventProgress(done);
          batch = [];
        };
        for (const event of generateEvents(eventCount, performers, venues, startOfUtcDay(opts.now ?? new Date()))) {
          if (ticketed.length < ticketedEventCount) {
            ticketed.push(event);
            if (!demoId && event.venue.kind === 'theatre' && event.date.getTime() > weekOut) demoId = event.id;
          }
          batch.push(event);
          if (batch.length === eventBatch) await flush();
        }
        if (batch.length) await flush();
        log(`events: ${eventCount} (${elapsed()} ms)`);

        const ticketProgress = tenths(ticketed.length, (pct) => log(`tickets: ${pct}% (${elapsed()} ms)`));
        // Forty events a call: each call bumps its events' seat versions in one statement, which
        // scans the events table while its indexes are dropped.
        // Ticket ids from their own stream, so tickets never shift the draws for anything else.
        const ticketRng = stream('tickets');
        const ticketId = () => uuid(ticketRng);
        let tickets = 0;
        for (let i = 0; i < ticketed.length; i += 40) {
          tickets += await issueTickets(tx, ticketed.slice(i, i + 40).map(ticketIssue), { copy, ticketId });
          ticketProgress(Math.min(i + 40, ticketed.length));
        }
        return tickets;
      });
      log(`tickets: ${ticketCount}; indexes rebuilt (${elapsed()} ms)`);

      // Fresh statistics so the first queries after a seed get sensible plans.
      await tx.execute(sql`analyze performers, venues, events, tickets, event_search, search_words, search_word_variants`);
      return {
        performers: performers.length,
        venues: venues.length,
        events: eventCount,
        tickets: ticketCount,
        ms: elapsed(),
        skipped: false,
      };
    });
  } finally {
    await client.end();
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
