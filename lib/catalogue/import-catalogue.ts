import 'server-only';
import { and, eq, max, min, sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { events, performers, tickets, venues } from '@/db/schema';
import type { Kv } from '@/lib/kv/types';
import { zonedWallTime } from '@/lib/local-time';
import { stream } from '@/db/seed/random';
import { generateSeatMap } from '@/lib/venues/generate-seat-map';
import type { SeatMap } from '@/lib/venues/seat-map';
import { tierPriceProblems } from './check-seat-map';
import { createEvent } from './create-event';
import { createPerformers } from './create-performers';
import { createVenue } from './create-venue';
import type { ImportEvent, ImportVenue } from './import-schema';
import type { JsonPath } from './json-with-lines';
import { pathText, readCatalogueFile, type LineError } from './read-catalogue-file';
import type { EventChanges } from './types';
import { updateEvent } from './update-event';

export type ImportOutcome = {
  line: number;
  externalId: string;
  name: string;
  eventId: string;
  outcome: 'created' | 'updated' | 'unchanged';
  tickets?: number;
};
export type ImportReport = { ok: true; events: ImportOutcome[] } | { ok: false; errors: LineError[] };

type VenueRef = { key: string; id: string | null; spec: ImportVenue | null; seatMap: SeatMap; timezone: string; city: string };
type Planned = { line: number; input: ImportEvent; venue: VenueRef; date: Date; onSaleAt: Date; existing: Existing | null };
type Existing = Awaited<ReturnType<typeof findExisting>>;

/**
 * Puts on the events of a catalogue file (see import-schema.ts and the README). Three passes:
 * the file is parsed and checked (every problem reported with its line), then checked against
 * the database (venues, tiers, events already imported), and only when nothing is wrong are the
 * venues, performers and events written, each through the catalogue's own operations. An event
 * is found again by its externalId: importing the same file twice changes nothing, and an edited
 * one updates what may change (name, description, category, performer, dates, queue settings).
 */
export async function importCatalogue(db: Database, kv: Kv, text: string): Promise<ImportReport> {
  const read = readCatalogueFile(text);
  if (!read.ok) return read;
  const { file, lineOf } = read;
  const errors: LineError[] = [];
  const fail = (path: JsonPath, message: string) => errors.push({ line: lineOf(path), path: pathText(path), message });

  const fileVenues = new Map<string, { spec: ImportVenue; path: JsonPath }>();
  file.venues?.forEach((spec, i) => {
    const key = spec.name.toLowerCase();
    if (fileVenues.has(key)) fail(['venues', i, 'name'], `venue "${spec.name}" is listed twice`);
    fileVenues.set(key, { spec, path: ['venues', i] });
  });

  const venueRefs = new Map<string, VenueRef>();
  const planned: Planned[] = [];
  const seenIds = new Map<string, number>();
  for (const [i, input] of file.events.entries()) {
    const at = (...rest: JsonPath) => ['events', i, ...rest];
    const before = errors.length;
    const earlier = seenIds.get(input.externalId);
    if (earlier !== undefined) fail(at('externalId'), `externalId "${input.externalId}" is also used by the event on line ${earlier}`);
    seenIds.set(input.externalId, lineOf(at()));

    const venue = await resolveVenue(db, input.venue, fileVenues, venueRefs, (message) => fail(at('venue'), message));
    if (!venue) continue;
    if (input.timezone && input.timezone !== venue.timezone)
      fail(at('timezone'), `the venue is in ${venue.timezone}, not ${input.timezone}`);
    for (const problem of tierPriceProblems(venue.seatMap, input.prices)) fail(at('prices'), problem);
    const date = instant(input.date, venue.timezone, (m) => fail(at('date'), m));
    const onSaleAt = instant(input.onSale, venue.timezone, (m) => fail(at('onSale'), m));
    if (date && onSaleAt && !(onSaleAt < date)) fail(at('onSale'), 'tickets must go on sale before the show');

    const existing = await findExisting(db, input.externalId);
    if (existing) {
      if (venue.id !== existing.venueId)
        fail(at('venue'), `event "${input.externalId}" is already on at another venue; its tickets cannot move`);
      if (input.currency !== existing.currency.trim())
        fail(at('currency'), `event "${input.externalId}" already sells in ${existing.currency}; its currency cannot change`);
      const issued = existing.prices;
      const changed = Object.entries(input.prices).filter(([tier, price]) => issued.get(tier) !== price);
      if (changed.length || issued.size !== Object.keys(input.prices).length) {
        fail(
          at('prices'),
          `event "${input.externalId}" already has tickets at other prices (${[...issued].map(([t, p]) => `${t}: ${p}`).join(', ')}); prices cannot change once issued`,
        );
      }
    }
    if (errors.length === before && date && onSaleAt) planned.push({ line: lineOf(at()), input, venue, date, onSaleAt, existing });
  }
  if (errors.length) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };

  // Nothing is wrong: write.
  for (const venue of venueRefs.values()) {
    if (venue.id || !venue.spec) continue;
    const { name, kind, address, city, timezone } = venue.spec;
    venue.id = (await createVenue(db, { name, kind, address, city, timezone, seatMap: venue.seatMap })).id;
  }
  const performerIds = await resolvePerformers(
    db,
    planned.map((p) => p.input),
  );
  const outcomes: ImportOutcome[] = [];
  for (const p of planned) {
    const performerId = performerIds.get(performerName(p.input).toLowerCase())!;
    const base = { line: p.line, externalId: p.input.externalId, name: p.input.name };
    if (!p.existing) {
      const created = await createEvent(db, kv, {
        externalId: p.input.externalId,
        name: p.input.name,
        description: p.input.description ?? '',
        category: p.input.category,
        performerId,
        venueId: p.venue.id!,
        date: p.date,
        onSaleAt: p.onSaleAt,
        currency: p.input.currency,
        ...(p.input.queue ? { queue: p.input.queue } : {}),
        seatMap: p.venue.seatMap,
        prices: p.input.prices,
      });
      outcomes.push({ ...base, eventId: created.id, outcome: 'created', tickets: created.tickets });
      continue;
    }
    const changes = differences(p.existing, { ...p, performerId });
    if (Object.keys(changes).length) await updateEvent(db, kv, p.existing.id, changes);
    outcomes.push({ ...base, eventId: p.existing.id, outcome: Object.keys(changes).length ? 'updated' : 'unchanged' });
  }
  return { ok: true, events: outcomes };
}

function instant(value: string, timeZone: string, fail: (message: string) => void): Date | null {
  const [, y, mo, d, h, mi, zone] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::00)?(Z|[+-]\d{2}:\d{2})?$/.exec(value)!;
  const wall = { year: Number(y), month: Number(mo), day: Number(d), hour: Number(h), minute: Number(mi) };
  const probe = new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute));
  if (probe.getUTCMonth() !== wall.month - 1 || probe.getUTCDate() !== wall.day || wall.hour > 23 || wall.minute > 59) {
    fail(`"${value}" is not a real date and time`);
    return null;
  }
  if (zone) return new Date(value.length === 16 ? `${value}:00${zone}` : value);
  const at = zonedWallTime(wall, timeZone);
  if (!at) fail(`${value} does not exist in ${timeZone}: the clocks skip that hour`);
  return at;
}

async function resolveVenue(
  db: Database,
  ref: string | ImportVenue,
  fileVenues: Map<string, { spec: ImportVenue }>,
  known: Map<string, VenueRef>,
  fail: (message: string) => void,
): Promise<VenueRef | null> {
  const name = typeof ref === 'string' ? ref : ref.name;
  // A name refers to a venue listed under "venues", or described by an earlier event, or stored.
  const described = [...known.values()].find((v) => v.spec?.name.toLowerCase() === name.toLowerCase())?.spec ?? null;
  const spec = typeof ref === 'string' ? (fileVenues.get(name.toLowerCase())?.spec ?? described) : ref;
  const key = spec ? `${spec.name.toLowerCase()}\u0000${spec.city.toLowerCase()}` : name.toLowerCase();
  const hit = known.get(key);
  if (hit) {
    if (spec && hit.spec && canonical(spec) !== canonical(hit.spec))
      fail(`venue "${name}" is described differently elsewhere in this file`);
    return hit;
  }

  const rows = await db
    .select({ id: venues.id, name: venues.name, city: venues.city, timezone: venues.timezone, seatMap: venues.seatMap })
    .from(venues)
    .where(and(sql`lower(${venues.name}) = lower(${name})`, spec ? sql`lower(${venues.city}) = lower(${spec.city})` : undefined))
    .limit(2);
  if (rows.length > 1) {
    fail(`several venues are named "${name}"; give the venue as an object with its city`);
    return null;
  }
  const [row] = rows;
  if (!row && !spec) {
    fail(
      `no venue is named "${name}"; describe it under "venues" (name, city, address, timezone, kind, and a seatMap or none for a generated one)`,
    );
    return null;
  }
  // A generated map is drawn from the venue's name, so a re-import draws the same one.
  const seatMap = spec ? (spec.seatMap ?? generateSeatMap(spec.kind, stream(`venue:${spec.name}`))) : row!.seatMap;
  if (row && spec && canonical(row.seatMap) !== canonical(seatMap)) {
    fail(`venue "${row.name}" in ${row.city} already exists with another seat map; leave its seatMap out to use the one it has`);
    return null;
  }
  const venue: VenueRef = {
    key,
    id: row?.id ?? null,
    spec,
    seatMap,
    timezone: row?.timezone ?? spec!.timezone,
    city: row?.city ?? spec!.city,
  };
  known.set(key, venue);
  return venue;
}

async function findExisting(db: Database, externalId: string) {
  const [event] = await db
    .select({
      id: events.id,
      name: events.name,
      description: events.description,
      category: events.category,
      performerId: events.performerId,
      venueId: events.venueId,
      date: events.date,
      onSaleAt: events.onSaleAt,
      currency: events.currency,
      queueMode: events.queueMode,
      queueOutflowPerMinute: events.queueOutflowPerMinute,
      queueAdmissionWindowSeconds: events.queueAdmissionWindowSeconds,
      queueAutoThresholdPerMinute: events.queueAutoThresholdPerMinute,
    })
    .from(events)
    .where(eq(events.externalId, externalId));
  if (!event) return null;
  const tiers = await db
    .select({ tier: tickets.tier, low: min(tickets.priceMinor), high: max(tickets.priceMinor) })
    .from(tickets)
    .where(eq(tickets.eventId, event.id))
    .groupBy(tickets.tier);
  return { ...event, prices: new Map(tiers.map((t) => [t.tier, t.low === t.high ? t.low : Number.NaN])) };
}

function differences(existing: NonNullable<Existing>, p: Planned & { performerId: string }): EventChanges {
  const changes: EventChanges = {};
  if (existing.name !== p.input.name) changes.name = p.input.name;
  if (p.input.description !== undefined && existing.description !== p.input.description) changes.description = p.input.description;
  if (existing.category !== p.input.category) changes.category = p.input.category;
  if (existing.performerId !== p.performerId) changes.performerId = p.performerId;
  if (existing.date.getTime() !== p.date.getTime()) changes.date = p.date;
  if (existing.onSaleAt.getTime() !== p.onSaleAt.getTime()) changes.onSaleAt = p.onSaleAt;
  const q = p.input.queue;
  if (
    q &&
    (existing.queueMode !== q.mode ||
      existing.queueOutflowPerMinute !== q.outflowPerMinute ||
      existing.queueAdmissionWindowSeconds !== q.admissionWindowSeconds ||
      existing.queueAutoThresholdPerMinute !== q.autoThresholdPerMinute)
  ) {
    changes.queue = q;
  }
  return changes;
}

const performerName = (e: ImportEvent) => (typeof e.performer === 'string' ? e.performer : e.performer.name);

// Performers by name, case-insensitively; a new one takes its genre from the file, or the event's
// category when the file gives only a name.
async function resolvePerformers(db: Database, inputs: ImportEvent[]): Promise<Map<string, string>> {
  const wanted = new Map<string, { name: string; genre: string }>();
  for (const e of inputs) {
    const name = performerName(e);
    if (!wanted.has(name.toLowerCase()))
      wanted.set(name.toLowerCase(), { name, genre: typeof e.performer === 'string' ? e.category : e.performer.genre });
  }
  const ids = new Map<string, string>();
  for (const [key, performer] of wanted) {
    const [row] = await db
      .select({ id: performers.id })
      .from(performers)
      .where(sql`lower(${performers.name}) = ${key}`)
      .limit(1);
    ids.set(key, row?.id ?? (await createPerformers(db, [performer]))[0]!);
  }
  return ids;
}

// Keys sorted at every level: jsonb gives an object's keys back in its own order.
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}
