import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { testSql } from '@/lib/testing/db';
import { statementsOf } from '@/lib/testing/search-statements';
import { createPostgresSearch } from './postgres';

const sql = testSql();
// The test's 5,000 shows would otherwise stay, in a database kept between runs.
let performerId: string | undefined;
afterAll(async () => {
  if (performerId) await sql`delete from events where performer_id = ${performerId}`;
  await sql.end();
});

const letters = (n: number) => Array.from(randomBytes(n), (b) => String.fromCharCode(97 + (b % 26))).join('');
const days = (n: number) => new Date(Date.now() + n * 86_400_000);

// A search that spells a common city is read by walking the soonest shows (postgres.ts,
// cityWalk), at most 3,000 of them; past them, the rest of the city's shows are read through the
// indexes. Here the city has 3 shows before everything and 1,500 after 3,500 shows elsewhere: a
// page of 2 comes from the walk alone, a page of 5 from the walk and the read after it, which a
// show elsewhere naming the city only in its description, sooner than the city's later shows,
// must not replace. (Small pages: a level is walked when it is large beside sqrt(page end ·
// events), whatever else the test database holds.)
describe('the Postgres driver walking a common city', () => {
  it('pages the soonest shows of the city from the walk, and past it', async () => {
    const city = `Walk${letters(6)} Bay${letters(5)}`;
    const elsewhere = `Else${letters(8)}`;
    const [performer] =
      await sql`insert into performers (name, genre, home_city) values (${`Quiet ${letters(8)}`}, 'pop', 'Nowhere') returning id`;
    performerId = performer!.id as string;
    const venue = async (name: string, at: string) => {
      const [row] = await sql`
        insert into venues (name, kind, address, city, capacity, seat_map)
        values (${name}, 'theatre', '1 Main Street', ${at}, 0, ${sql.json({} as never)}) returning id`;
      return row!.id as string;
    };
    const [here, there] = [await venue('Harbour Room', city), await venue('Hill Room', elsewhere)];
    const events = (count: number, venueId: string, at: string, from: number, span: number) =>
      Array.from({ length: count }, (_, i) => ({
        name: 'Evening Set',
        description: '',
        date: days(from + (i * span) / count),
        performer_id: performer!.id as string,
        venue_id: venueId,
        city: at,
        category: 'concert',
        on_sale_at: days(-1),
      }));
    const early = await sql`insert into events ${sql(events(3, here, city, 0.01, 0.02))} returning id, date`;
    await sql`insert into events ${sql(events(3500, there, elsewhere, 1, 90))}`;
    // Named only in its description, so it ranks after every show in the city, sooner as it is.
    await sql`insert into events ${sql([{ ...events(1, there, elsewhere, 95, 0)[0]!, description: `Fresh from ${city}` }])}`;
    const later = await sql`insert into events ${sql(events(1500, here, city, 100, 500))} returning id, date`;
    const inCity = [...early, ...later];
    await sql`analyze event_search`;
    const soonest = inCity
      .map((r) => ({ id: r.id as string, at: new Date(r.date as string).getTime() }))
      .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1))
      .map((r) => r.id);

    const { statements } = await statementsOf(async () => {
      const search = createPostgresSearch(db);
      const two = await search.search({ keyword: city, page: 1, limit: 2 });
      expect(two).toMatchObject({ total: 1000, totalCapped: true });
      expect(two.events.map((e) => e.id)).toEqual(soonest.slice(0, 2));
      const five = await search.search({ keyword: city.toUpperCase(), page: 1, limit: 5 });
      expect(five.events.map((e) => e.id)).toEqual(soonest.slice(0, 5));
    });
    expect(statements.filter((s) => s.includes('walk as materialized'))).toHaveLength(2);
    // 1,503 shows in the city, which the statistics know: counted through the city index, in the
    // statement that walks, and never through the words.
    expect(statements.filter((s) => s.includes('with matches as materialized'))).toHaveLength(0);
    expect(statements.filter((s) => s.includes('walk as materialized') && s.includes('s.city = '))).toHaveLength(2);
  });
});
