import type postgres from 'postgres';
import { isDay, type SearchQuery } from '@/lib/search/types';
import { searchWords } from '@/lib/search/words';

// The baseline: the query a first version would write. Every word ILIKE'd against every field,
// no index can help, same filters, order and page size as the real driver.
export async function ilikeSearch(sql: postgres.Sql, q: SearchQuery): Promise<number> {
  const words = searchWords(q.keyword);
  const conditions = [sql`e.date >= now()`];
  for (const w of words) {
    const p = `%${w}%`;
    conditions.push(sql`(p.name ilike ${p} or e.name ilike ${p} or v.name ilike ${p} or e.city ilike ${p} or e.description ilike ${p})`);
  }
  const localDay = sql`(e.date at time zone v.timezone)::date`;
  if (q.start) conditions.push(isDay(q.start) ? sql`${localDay} >= ${q.start}::date` : sql`e.date >= ${q.start}`);
  if (q.end) conditions.push(isDay(q.end) ? sql`${localDay} <= ${q.end}::date` : sql`e.date <= ${q.end}`);
  if (q.city) conditions.push(sql`lower(e.city) = lower(${q.city})`);
  const where = conditions.reduce((a, c) => sql`${a} and ${c}`);
  const rows = await sql`
    select e.id, e.name, e.date, p.name as performer, v.name as venue, count(*) over () as total
    from events e join performers p on p.id = e.performer_id join venues v on v.id = e.venue_id
    where ${where}
    order by e.date, e.id limit ${q.limit} offset ${(q.page - 1) * q.limit}`;
  return rows.length;
}
