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
