import 'server-only';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { events, tickets } from '@/db/schema';
import { uuidArray } from '@/db/sql-helpers';
import { AppError } from '@/lib/errors';
import type { SeatMap } from '@/lib/venues/seat-map';
import { tierPriceProblems } from './check-seat-map';
import { seatsInOrder } from './seat-order';
import type { TierPrices } from './types';

export type TicketIssue = { eventId: string; seatMap: SeatMap; prices: TierPrices; currency: string };

/**
 * A bulk path for a large load: streams rows in COPY's text format (tab-separated, one line per
 * row) into `table (columns)` on the caller's transaction. The seed passes one: COPY writes 1.4
 * million tickets about three times faster than INSERT ... SELECT. On this path the ticket ids are
 * drawn here, by `ticketId` (Node's randomUUID unless the seed passes its reproducible stream):
 * Postgres's gen_random_uuid() took 2.3 s of the seed's 1.4 million rows.
 */
export type CopyRows = (table: string, columns: string[], chunks: Iterable<string>) => Promise<void>;

// A venue's seats as parallel columns in seat order, built once per map however many events
// play there (the seed issues 320 events' tickets from 40 maps).
// `flags` as Postgres array literals ("{aisle,restricted}"), the seat's flags from the map.
type SeatColumns = {
  index: number[];
  section: string[];
  row: string[];
  number: number[];
  tier: string[];
  flags: string[];
  copyLines?: string[];
};
const columnsOf = new WeakMap<SeatMap, SeatColumns>();

function seatColumns(map: SeatMap): SeatColumns {
  let columns = columnsOf.get(map);
  if (!columns) {
    columns = { index: [], section: [], row: [], number: [], tier: [], flags: [] };
    for (const { index, section, row, seat } of seatsInOrder(map)) {
      columns.index.push(index);
      columns.section.push(section.id);
      columns.row.push(row.label);
      columns.number.push(seat.number);
      columns.tier.push(section.tier);
      columns.flags.push(`{${(seat.flags ?? []).join(',')}}`);
    }
    columnsOf.set(map, columns);
  }
  return columns;
}

/**
 * One available ticket per seat of each event's map, seat_index in the map's fixed order, priced
 * by the seat's tier: one statement per event (the seats travel as arrays, six parameters, so a
 * 40,000-seat stadium is one round trip). The events' seat versions are bumped in the same
 * transaction, so no per-process cache keeps serving the event without these seats.
 */
export async function issueTickets(
  tx: DbOrTx,
  issues: TicketIssue[],
  opts: { copy?: CopyRows; ticketId?: () => string } = {},
): Promise<number> {
  for (const issue of issues) {
    const problems = tierPriceProblems(issue.seatMap, issue.prices);
    if (problems.length)
      throw new AppError('validation_failed', `Tickets for event ${issue.eventId}: ${problems.join('; ')}.`, { problems });
  }
  let issued = 0;
  if (opts.copy) {
    const columns = ['id', 'event_id', 'seat_index', 'section', 'row', 'number', 'tier', 'seat_flags', 'price_minor', 'currency'];
    await opts.copy('tickets', columns, copyChunks(issues, opts.ticketId ?? randomUUID));
    issued = issues.reduce((n, i) => n + seatColumns(i.seatMap).index.length, 0);
  }
  for (const issue of opts.copy ? [] : issues) {
    const c = seatColumns(issue.seatMap);
    const tiers = Object.keys(issue.prices);
    await tx.execute(sql`
      insert into ${tickets} (event_id, seat_index, section, "row", number, tier, seat_flags, price_minor, currency)
      select ${issue.eventId}, s.seat_index, s.section, s.row, s.number, s.tier, s.flags::text[], p.price, ${issue.currency.toUpperCase()}
      from unnest(${intArray(c.index)}::int[], ${textArray(c.section)}::text[], ${textArray(c.row)}::text[],
                  ${intArray(c.number)}::int[], ${textArray(c.tier)}::text[], ${textArray(c.flags)}::text[]) as s(seat_index, section, row, number, tier, flags)
      join unnest(${textArray(tiers)}::text[], ${intArray(tiers.map((t) => issue.prices[t]!))}::int[]) as p(tier, price) using (tier)`);
    issued += c.index.length;
  }
  if (issues.length) {
    await tx.execute(sql`update ${events} set seat_version = seat_version + 1 where id = any(${uuidArray(issues.map((i) => i.eventId))})`);
  }
  return issued;
}

// COPY text for one ticket per seat of each event.
function* copyChunks(issues: TicketIssue[], ticketId: () => string): Generator<string> {
  let chunk = '';
  for (const issue of issues) {
    const c = seatColumns(issue.seatMap);
    // The seat's part of each line ("index\tsection\trow\tnumber\ttier\tflags") once per map.
    c.copyLines ??= c.index.map(
      (index, k) => `${index}\t${copyText(c.section[k]!)}\t${copyText(c.row[k]!)}\t${c.number[k]}\t${copyText(c.tier[k]!)}\t${c.flags[k]}`,
    );
    const suffix = new Map(Object.entries(issue.prices).map(([tier, price]) => [tier, `\t${price}\t${issue.currency.toUpperCase()}\n`]));
    for (let k = 0; k < c.index.length; k++) {
      chunk += `${ticketId()}\t${issue.eventId}\t${c.copyLines[k]}${suffix.get(c.tier[k]!)}`;
      if (chunk.length >= 1 << 16) {
        yield chunk;
        chunk = '';
      }
    }
  }
  if (chunk) yield chunk;
}

const copyEscapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A value in COPY's text format, where tab, newline and backslash are syntax. */
export function copyText(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (ch) => copyEscapes[ch] ?? ch);
}

// Array literals sent as one text parameter each: the statement stays the same for any size.
const intArray = (values: number[]) => `{${values.join(',')}}`;
const textArray = (values: string[]) => `{${values.map((v) => `"${v.replace(/["\\]/g, (ch) => `\\${ch}`)}"`).join(',')}}`;
