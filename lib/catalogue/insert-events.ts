import 'server-only';
import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { events, venues } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { copyText, type CopyRows } from './issue-tickets';
import type { NewEvent } from './types';

// Ten columns a row: a thousand rows stay far below Postgres's 65,535 parameters a statement.
const rowsPerStatement = 1_000;

/**
 * Event rows, in the caller's transaction, with no tickets yet (issueTickets adds them) and no
 * cache or search work (createEvent does that after commit; the seed loads a fresh database).
 * With `copy` (the seed's 100,000-event catalogue) the rows go through COPY, three times faster;
 * that path takes events without waiting-room settings, which keep the table's defaults.
 */
export async function insertEvents(tx: DbOrTx, inputs: NewEvent[], opts: { copy?: CopyRows } = {}): Promise<string[]> {
  for (const e of inputs) {
    if (!(e.onSaleAt < e.date)) throw new AppError('validation_failed', `${e.name}: tickets must go on sale before the show.`);
  }
  const cities = await venueCities(tx, inputs);
  if (opts.copy) return copyEvents(opts.copy, inputs, cities);
  const ids: string[] = [];
  for (let i = 0; i < inputs.length; i += rowsPerStatement) {
    const rows = await tx
      .insert(events)
      .values(
        inputs.slice(i, i + rowsPerStatement).map(({ queue, city, ...e }) => ({
          ...e,
          city: city ?? cities.get(e.venueId)!,
          currency: e.currency.toUpperCase(),
          ...(queue
            ? {
                queueMode: queue.mode,
                queueOutflowPerMinute: queue.outflowPerMinute,
                queueAdmissionWindowSeconds: queue.admissionWindowSeconds,
                queueAutoThresholdPerMinute: queue.autoThresholdPerMinute,
              }
            : {}),
        })),
      )
      .returning({ id: events.id });
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

async function copyEvents(copy: CopyRows, inputs: NewEvent[], cities: Map<string, string>): Promise<string[]> {
  const columns = [
    'id',
    'external_id',
    'name',
    'description',
    'date',
    'performer_id',
    'venue_id',
    'city',
    'category',
    'on_sale_at',
    'currency',
  ];
  const ids = inputs.map((e) => e.id ?? randomUUID());
  const lines = inputs.map((e, i) => {
    if (e.queue) throw new Error('insertEvents: the COPY path takes no waiting-room settings');
    return [
      ids[i],
      e.externalId == null ? '\\N' : copyText(e.externalId),
      copyText(e.name),
      copyText(e.description ?? ''),
      e.date.toISOString(),
      e.performerId,
      e.venueId,
      copyText(e.city ?? cities.get(e.venueId)!),
      copyText(e.category),
      e.onSaleAt.toISOString(),
      e.currency.toUpperCase(),
    ].join('\t');
  });
  await copy('events', columns, [`${lines.join('\n')}\n`]);
  return ids;
}

async function venueCities(tx: DbOrTx, inputs: NewEvent[]): Promise<Map<string, string>> {
  const wanted = [...new Set(inputs.filter((e) => !e.city).map((e) => e.venueId))];
  if (wanted.length === 0) return new Map();
  const rows = await tx.select({ id: venues.id, city: venues.city }).from(venues).where(inArray(venues.id, wanted));
  const cities = new Map(rows.map((r) => [r.id, r.city]));
  const missing = wanted.filter((id) => !cities.has(id));
  if (missing.length) throw new AppError('not_found', `No venue ${missing.join(', ')}.`);
  return cities;
}
