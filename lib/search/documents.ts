import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';

// What an external index (Elasticsearch) stores per event, read from the catalogue.
export type EventDocument = {
  id: string;
  name: string;
  description: string;
  date: string;
  /** The show's calendar day in the venue's time zone (see SearchQuery). */
  local_day: string;
  city: string;
  category: string;
  performer: { id: string; name: string };
  venue: { id: string; name: string; timezone: string };
};

type Row = {
  id: string;
  name: string;
  description: string;
  date: string | Date;
  local_day: string;
  city: string;
  category: string;
  performer_id: string;
  performer_name: string;
  venue_id: string;
  venue_name: string;
  timezone: string;
};

/** One page of documents in id order: all events after `after`, or just `ids`. */
export async function loadDocuments(db: DbOrTx, opts: { after?: string; ids?: string[]; limit: number }): Promise<EventDocument[]> {
  const rows = (await db.execute(sql`
    select e.id, e.name, e.description, e.date, ((e.date at time zone v.timezone)::date)::text as local_day,
           e.city, e.category, p.id as performer_id, p.name as performer_name,
           v.id as venue_id, v.name as venue_name, v.timezone
    from events e
    join performers p on p.id = e.performer_id
    join venues v on v.id = e.venue_id
    where true
      ${opts.ids ? sql`and e.id = any(${sql.param(opts.ids)}::uuid[])` : sql``}
      ${opts.after ? sql`and e.id > ${opts.after}::uuid` : sql``}
    order by e.id
    limit ${opts.limit}`)) as unknown as Row[];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    date: new Date(r.date).toISOString(),
    local_day: r.local_day,
    city: r.city,
    category: r.category.toLowerCase(),
    performer: { id: r.performer_id, name: r.performer_name },
    venue: { id: r.venue_id, name: r.venue_name, timezone: r.timezone },
  }));
}
