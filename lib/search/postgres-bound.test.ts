import { randomBytes } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { testSql } from '@/lib/testing/db';
import { statementsOf } from '@/lib/testing/search-statements';
import { testDatabaseUrl } from '@/lib/testing/test-env';
import { createPostgresSearch } from './postgres';
import { renderSql, type Run } from './postgres-run';
import { wordSharesReader } from './postgres-word-shares';

const sql = testSql();

const letters = (n: number) => Array.from(randomBytes(n), (b) => String.fromCharCode(97 + (b % 26))).join('');
const days = (n: number) => new Date(Date.now() + n * 86_400_000);

// Words the statistics expect in well over a thousand upcoming shows skip the exact count: a
// cheaper count of a subset of their matches (a common performer's shows, or some of a word's
// variants) must prove "1,000+", and the levels are read in the same statement (postgres.ts,
// chooseBound). Here a performer has 1,800 shows, and another performer's 2,600 shows are named
// with a word of the first one's name and a word of their own (margins enough for the past shows
// other tests leave in the database).
const word = `zed${letters(8)}`;
const other = `vox${letters(8)}`;
type Show = { id: string; at: number };
let first: Show[];
let second: Show[];

// The shows moved into the past would otherwise stay, and in a database kept between runs lower
// the share of shows to come that the margins above count on.
afterAll(async () => {
  await sql`delete from events where id = any(${[...first, ...second].map((s) => s.id)}::uuid[])`;
  await sql.end();
});

const soonest = (shows: Show[]) => [...shows].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1)).map((s) => s.id);

beforeAll(async () => {
  const performer = async (name: string) => {
    const [row] = await sql`insert into performers (name, genre, home_city) values (${name}, 'pop', 'Nowhere') returning id`;
    return row!.id as string;
  };
  const [venue] = await sql`
    insert into venues (name, kind, address, city, capacity, seat_map)
    values ('Long Room', 'theatre', '1 Main Street', ${`Town${letters(6)}`}, 0, ${sql.json({} as never)}) returning id, city`;
  const shows = async (count: number, performerId: string, name: string, offset: number) => {
    const rows = Array.from({ length: count }, (_, i) => ({
      name,
      description: '',
      date: days(1 + offset + i / 7),
      performer_id: performerId,
      venue_id: venue!.id as string,
      city: venue!.city as string,
      category: 'concert',
      on_sale_at: days(-1),
    }));
    const inserted = await sql`insert into events ${sql(rows)} returning id, date`;
    return inserted.map((r) => ({ id: r.id as string, at: new Date(r.date as string).getTime() }));
  };
  first = await shows(1800, await performer(`${word} Choir`), 'Evening Set', 0);
  second = await shows(2600, await performer(`Quiet ${letters(8)}`), `${other} Nights for ${word}`, 0.05);
  await sql`analyze event_search`;
});

describe('the Postgres driver proving "1,000+" from a subset of the matches', () => {
  it("counts a common performer's shows, not every match, and pages the levels behind that count", async () => {
    const { result, statements } = await statementsOf(async () => {
      const search = createPostgresSearch(db);
      return [await search.search({ keyword: word, page: 1, limit: 20 }), await search.search({ keyword: word, page: 91, limit: 20 })];
    });
    const [page1, page91] = result;
    expect(page1).toMatchObject({ total: 1000, totalCapped: true });
    expect(page1!.events.map((e) => e.id)).toEqual(soonest(first).slice(0, 20));
    // Past the performer's 1,800 shows: the soonest of those named with the word.
    expect(page91!.events.map((e) => e.id)).toEqual(soonest(second).slice(0, 20));
    expect(statements.filter((s) => s.includes('performers0 as materialized'))).toHaveLength(2);
    expect(statements.filter((s) => s.includes('with matches as materialized'))).toHaveLength(0);
  });

  it("counts some of a word's variants when no performer is named, and ranks as the exact path does", async () => {
    const { result, statements } = await statementsOf(() => createPostgresSearch(db).search({ keyword: other, page: 2, limit: 10 }));
    expect(result).toMatchObject({ total: 1000, totalCapped: true });
    expect(result.events.map((e) => e.id)).toEqual(soonest(second).slice(10, 20));
    expect(statements.filter((s) => s.includes('bound_matches as materialized'))).toHaveLength(1);
    expect(statements.filter((s) => s.includes('with matches as materialized'))).toHaveLength(0);
  });

  it('counts every match of several common words without the columns the exact count reads', async () => {
    const { result, statements } = await statementsOf(() =>
      createPostgresSearch(db).search({ keyword: `${word} ${other}`, page: 1, limit: 20 }),
    );
    expect(result).toMatchObject({ total: 1000, totalCapped: true });
    expect(result.events.map((e) => e.id)).toEqual(soonest(second).slice(0, 20));
    const bound = statements.filter((s) => s.includes('bound_matches as materialized'));
    expect(bound).toHaveLength(1);
    expect(bound[0]).toContain(`('${word}') & ('${other}')`);
    expect(statements.filter((s) => s.includes('with matches as materialized'))).toHaveLength(0);
  });

  it('falls back to the exact count, and to every level, when the statistics are out of date', async () => {
    // All but five of the performer's shows move into the past, and nothing analyzes the table:
    // the statistics still expect 1,800, the subset count finds 5.
    const gone = soonest(first).slice(5);
    await sql`update events set date = now() - interval '1 day' where id = any(${gone}::uuid[])`;
    const { result, statements } = await statementsOf(() => createPostgresSearch(db).search({ keyword: word, page: 1, limit: 20 }));
    // 5 + 2,600 still match: the exact count says so, and the page is the performer's five, then
    // the soonest named with the word, which only reading past the performer level finds.
    expect(result).toMatchObject({ total: 1000, totalCapped: true });
    expect(result.events.map((e) => e.id)).toEqual([...soonest(first).slice(0, 5), ...soonest(second).slice(0, 15)]);
    expect(statements.filter((s) => s.includes('with matches as materialized'))).toHaveLength(1);
    expect(statements.filter((s) => s.includes('level1 as materialized'))).toHaveLength(1);

    // Once only the five are left to match, the exact count gives the exact total.
    await sql`delete from events where id = any(${second.map((s) => s.id)}::uuid[])`;
    const few = await createPostgresSearch(db).search({ keyword: word, page: 1, limit: 20 });
    expect(few).toMatchObject({ total: 5 });
    expect(few.totalCapped).toBeUndefined();
    expect(few.events.map((e) => e.id)).toEqual(soonest(first).slice(0, 5));
  });

  it('reads the share of shows still to come from the statistics of the date column', async () => {
    // A table of its own, so that the share is known whatever else the database holds: 300 of
    // 1,000 shows past, the other 700 to come.
    const schema = `stats_${letters(8)}`;
    await sql.unsafe(`create schema ${schema}`);
    const own = postgres(testDatabaseUrl, { max: 1, onnotice: () => {}, connection: { search_path: schema } });
    try {
      await own.unsafe(`create table event_search (like public.event_search including defaults)`);
      await own.unsafe(`
        insert into event_search (event_id, date, local_day, city, category, performer_name, name, document)
        select gen_random_uuid(), now() + (i - 300) * interval '1 hour', current_date, 'x', 'concert', 'p', 'n', to_tsvector('simple', 'show')
        from generate_series(1, 1000) i`);
      await own.unsafe(`analyze event_search`);
      const run: Run = async <T>(query: SQL) => (await own.unsafe(renderSql(query))) as unknown as T[];
      const stats = await wordSharesReader(run)();
      expect(stats!.rows).toBe(1000);
      expect(stats!.upcoming).toBeCloseTo(0.7, 1);
      expect(stats!.columns.get('document')?.get('show')).toBe(1);
      // Ten dates in all: the statistics keep them as most common values, with no histogram.
      await own.unsafe(
        `update event_search set date = date_trunc('hour', now()) + (ceil(extract(epoch from date - now()) / 360000)) * interval '100 hours'`,
      );
      await own.unsafe(`analyze event_search`);
      const [row] = await own.unsafe(
        `select avg((date >= now())::int)::float8 as share, count(distinct date)::int as dates from event_search`,
      );
      expect(row!.dates).toBeLessThanOrEqual(12);
      const few = await wordSharesReader(run)();
      expect(few!.upcoming).toBeCloseTo(row!.share as number, 2);
    } finally {
      await own.end();
      await sql.unsafe(`drop schema ${schema} cascade`);
    }
  });
});
