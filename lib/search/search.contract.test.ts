import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { env } from '@/lib/env';
import { testSql } from '@/lib/testing/db';
import { createElasticsearchClient } from './elasticsearch-client';
import { createElasticsearchSearch } from './elasticsearch';
import { createPostgresSearch } from './postgres';
import { createManyEvents, createSearchCatalogue, type Catalogue } from './search-fixtures';
import type { SearchDriver, SearchQuery } from './types';

// One contract for every search driver. Postgres always runs; Elasticsearch joins when
// ELASTICSEARCH_URL points at a real cluster (README: Search), indexing into its own index.
const drivers: Array<[string, () => SearchDriver]> = [['postgres', () => createPostgresSearch(db)]];
if (env.ELASTICSEARCH_URL) {
  const client = createElasticsearchClient(env.ELASTICSEARCH_URL, env.ELASTICSEARCH_API_KEY);
  drivers.push(['elasticsearch', () => createElasticsearchSearch(client, `${env.ELASTICSEARCH_INDEX}-contract`, db)]);
}

const sql = testSql();
afterAll(() => sql.end());

describe.each(drivers)('search contract: %s', (_name, make) => {
  const search = make();
  let cat: Catalogue;
  const find = (q: Partial<SearchQuery>) => search.search({ page: 1, limit: 100, city: cat.city, ...q });
  const ids = async (q: Partial<SearchQuery>) => (await find(q)).events.map((e) => e.id);

  beforeAll(async () => {
    cat = await createSearchCatalogue(sql);
    await search.indexEvents(cat.all);
  });

  it('ranks the performer first, then event name, venue, description; sooner first on ties', async () => {
    const { ids: e } = cat;
    expect(await ids({ keyword: 'beyonce' })).toEqual([
      e.performerSooner,
      e.performer,
      e.performerLater,
      e.eventName,
      e.venue,
      e.description,
    ]);
  });

  it('ignores accents and case both ways', async () => {
    const plain = await ids({ keyword: 'BEYONCE' });
    expect(plain[0]).toBe(cat.ids.performerSooner);
    expect(await ids({ keyword: 'Beyoncé' })).toEqual(plain);
  });

  it('forgives typos and finds prefixes', async () => {
    expect((await ids({ keyword: 'beyonse' }))[0]).toBe(cat.ids.performerSooner);
    expect(await ids({ keyword: 'metalica' })).toEqual([cat.ids.description]);
    expect((await ids({ keyword: 'tay' }))[0]).toBe(cat.ids.venue);
    expect((await ids({ keyword: 'taylor swft' }))[0]).toBe(cat.ids.venue);
  });

  it('counts a swap, a dropped, an extra or a wrong letter anywhere as one typo (two from 8 letters)', async () => {
    for (const typo of ['tmasin', 'tasmin', 'amsin', 'tamin', 'tamsinn', 'ttamsin', 'tamsun', 'xamsin', 'Tmasin Gray']) {
      expect((await ids({ keyword: typo }))[0], typo).toBe(cat.ids.tamsin);
    }
    expect((await ids({ keyword: 'mteallcia' }))[0]).toBe(cat.ids.description); // two swaps, 9 letters
    expect((await ids({ keyword: 'mteallca' }))[0]).toBe(cat.ids.description); // a swap and a drop, 8 letters
    expect(await ids({ keyword: 'mtallca' })).toEqual([]); // two edits in 7 letters is too many
    expect(await ids({ keyword: 'gary' })).toEqual([cat.ids.tamsin]);
    expect(await ids({ keyword: 'gar' })).toEqual([]); // under 4 letters: no typo forgiven
  });

  it('ranks exact and prefix matches before typo corrections', async () => {
    // Paget Lane's show is sooner, but "pager" is exactly Pager Nine.
    const pager = await ids({ keyword: 'pager' });
    expect(pager[0]).toBe(cat.ids.comedy);
    expect(pager).toContain(cat.ids.paget);
    expect(pager.indexOf(cat.ids.paget!)).toBeGreaterThan(pager.indexOf(cat.ids.comedy!));
    expect((await ids({ keyword: 'paget' }))[0]).toBe(cat.ids.paget);
  });

  it('needs every word to match somewhere', async () => {
    expect(await ids({ keyword: 'metallica beyonce' })).toEqual([cat.ids.description]);
    expect(await ids({ keyword: 'metallica qqqqqqqqqzzz' })).toEqual([]);
  });

  it('leaves past events out unless asked, and then lists them after upcoming ones', async () => {
    expect(await ids({ keyword: 'renaissance' })).not.toContain(cat.ids.past);
    const withPast = await ids({ keyword: 'renaissance', includePast: true });
    expect(withPast.at(-1)).toBe(cat.ids.past);
    expect(withPast).toHaveLength(4);
  });

  it('filters by day inclusively at both ends, in the venue time zone', async () => {
    const { ids: e } = cat;
    const byDay = await ids({ start: '2031-03-05', end: '2031-03-07' });
    expect(byDay).toEqual([e.firstDayLate, e.lastDayStart, e.lastDayEnd]);
    expect(await ids({ start: '2031-03-07', end: '2031-03-07' })).toEqual([e.lastDayStart, e.lastDayEnd]);
    // Timestamps are instants, also inclusive.
    expect(await ids({ start: '2031-03-06T05:00:00.000Z', end: '2031-03-08T07:59:59.999Z' })).toEqual([
      e.firstDayLate,
      e.lastDayStart,
      e.lastDayEnd,
    ]);
  });

  it('filters by city (any case or accents) and category', async () => {
    expect(await ids({ city: cat.otherCity.toUpperCase() })).toEqual([cat.ids.otherCity]);
    expect(await ids({ category: 'Comedy' })).toEqual([cat.ids.comedy]);
    expect(await ids({ keyword: 'pager', category: 'comedy' })).toEqual([cat.ids.comedy]);
  });

  it('offers the nearest names when nothing matches', async () => {
    const result = await find({ keyword: 'beyonse renaissanse qqqqqzzzzz', city: undefined });
    expect(result.total).toBe(0);
    expect(result.suggestions?.some((name) => name.startsWith('Beyoncé'))).toBe(true);
    const swapped = await find({ keyword: 'tmasin qqqqqzzzzz', city: undefined });
    expect(swapped.total).toBe(0);
    expect(swapped.suggestions).toContain('Tamsin Gray');
  });

  it('stops counting at 1,000 and still pages soonest first', async () => {
    const many = await createManyEvents(sql, 1005);
    await search.indexEvents(many.ids);
    const first = await search.search({ keyword: 'pagination parade', city: many.city, page: 1, limit: 20 });
    expect(first).toMatchObject({ total: 1000, totalCapped: true });
    expect(first.events).toHaveLength(20);
    const dates = first.events.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
    const second = await search.search({ keyword: 'pagination parade', city: many.city, page: 2, limit: 20 });
    expect(second.events.map((e) => e.id).filter((id) => first.events.some((e) => e.id === id))).toEqual([]);
    const exact = await search.search({ keyword: 'pagination', city: many.city, page: 1, limit: 20, end: many.firstDay });
    expect(exact).toMatchObject({ total: 3 });
    expect(exact.totalCapped).toBeUndefined();
  });

  it('past 1,000 matches ranks the performer, then the event name, then the venue, soonest first within each, each event once', async () => {
    const many = await createManyEvents(sql, 1005); // all at Paging Hall, one show a day from tomorrow
    const later = (n: number) => new Date(Date.now() + (400 + n) * 86_400_000);
    const [doctor] = await sql`insert into performers (name, genre, home_city) values ('Paging Doctor', 'pop', 'Nowhere') returning id`;
    const insert = async (performerId: string, name: string, date: Date) => {
      const [row] = await sql`
        insert into events (name, description, date, performer_id, venue_id, city, category, on_sale_at)
        values (${name}, '', ${date}, ${performerId}, ${many.venueId}, ${many.city}, 'concert', ${later(-500)}) returning id`;
      return row!.id as string;
    };
    // Later than every Paging Hall show, and also at Paging Hall: only the ranking puts them first.
    const byPerformer = [
      await insert(doctor!.id as string, 'Doctor Night', later(3)),
      await insert(doctor!.id as string, 'Doctor Night', later(1)),
    ];
    const byName = [
      await insert(many.performerId, 'Paging All Fans', later(5)),
      await insert(many.performerId, 'Paging All Fans', later(4)),
    ];
    await search.indexEvents([...many.ids, ...byPerformer, ...byName]);
    const soonest = many.ids
      .map((id, i) => ({ id, day: Math.floor(i / 3) }))
      .sort((a, b) => a.day - b.day || (a.id < b.id ? -1 : 1))
      .map((e) => e.id);

    const first = await search.search({ keyword: 'paging', city: many.city, page: 1, limit: 20 });
    expect(first).toMatchObject({ total: 1000, totalCapped: true });
    expect(first.events.map((e) => e.id)).toEqual([byPerformer[1], byPerformer[0], byName[1], byName[0], ...soonest.slice(0, 16)]);
    const second = await search.search({ keyword: 'paging', city: many.city, page: 2, limit: 20 });
    expect(second.events.map((e) => e.id)).toEqual(soonest.slice(16, 36));
  });

  it('lets a single letter beside longer words rank but not filter (an initial, the s of a possessive)', async () => {
    expect(await ids({ keyword: "Tamsin's" })).toEqual([cat.ids.tamsin]);
    expect(await ids({ keyword: 'T. Gray' })).toEqual([cat.ids.tamsin]);
    expect(await ids({ keyword: 'x gray' })).toEqual([cat.ids.tamsin]);
    // "m" begins Metallica and Master of Puppets: that show, Beyoncé only in its description, comes first.
    const withM = await ids({ keyword: 'm beyonce' });
    expect(withM[0]).toBe(cat.ids.description);
    expect(new Set(withM)).toEqual(new Set(await ids({ keyword: 'beyonce' })));
  });

  it('pages stably: every event once, total right, even when dates tie', async () => {
    const many = await createManyEvents(sql, 25);
    await search.indexEvents(many.ids);
    const seen: string[] = [];
    for (let page = 1; page <= 4; page++) {
      const result = await search.search({ keyword: 'pagination parade', city: many.city, page, limit: 7 });
      expect(result.total).toBe(25);
      seen.push(...result.events.map((ev) => ev.id));
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen)).toEqual(new Set(many.ids));
    const beyond = await search.search({ city: many.city, page: 9, limit: 7 });
    expect(beyond).toMatchObject({ events: [], total: 25 });
  });
});
