import { Client } from '@elastic/elasticsearch';
import Mock from '@elastic/elasticsearch-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { testSql } from '@/lib/testing/db';
import { createElasticsearchSearch } from './elasticsearch';
import { buildSearchRequest } from './elasticsearch-query';
import { createSearchCatalogue, type Catalogue } from './search-fixtures';

// The Elasticsearch driver against @elastic/elasticsearch-mock: what it sends (mapping, bulk,
// alias swap, queries) and how it reads answers. Behaviour against a real cluster is the
// contract suite's job (search.contract.test.ts with ELASTICSEARCH_URL set).

const sql = testSql();
afterAll(() => sql.end());

function mockedClient() {
  const mock = new Mock();
  const client = new Client({ node: 'http://es.test:9200', Connection: mock.getConnection() });
  return { mock, client };
}

describe('elasticsearch driver', () => {
  let cat: Catalogue;
  beforeAll(async () => {
    cat = await createSearchCatalogue(sql);
  });

  it('indexes written events into a folded mapping, with wait_for so they are searchable at once', async () => {
    const { mock, client } = mockedClient();
    const created: unknown[] = [];
    const bulks: { body: unknown; querystring: unknown }[] = [];
    // No route for HEAD /events: the mock answers 404, so the index does not exist yet.
    mock.add({ method: 'PUT', path: '/:index' }, (params) => {
      created.push(params.body);
      return { acknowledged: true };
    });
    mock.add({ method: 'POST', path: '/_aliases' }, () => ({ acknowledged: true }));
    mock.add({ method: ['POST', 'PUT'], path: '/_bulk' }, (params) => {
      bulks.push({ body: params.body, querystring: params.querystring });
      return { errors: false, items: [] };
    });

    const driver = createElasticsearchSearch(client, 'events', db);
    await driver.indexEvents([cat.ids.performer!, '00000000-0000-4000-8000-000000000000']);

    expect(created[0]).toMatchObject({
      settings: { analysis: { analyzer: { folded: { filter: ['lowercase', 'asciifolding'] } } } },
      mappings: { properties: { performer: { properties: { name: { type: 'text', analyzer: 'folded' } } }, local_day: { type: 'date' } } },
    });
    const [bulk] = bulks;
    expect(bulk!.querystring).toMatchObject({ refresh: 'wait_for' });
    expect(bulk!.body).toEqual([
      { index: { _index: 'events', _id: cat.ids.performer } },
      expect.objectContaining({ name: 'Beyoncé: Renaissance', performer: expect.objectContaining({ name: 'Beyoncé' }), city: cat.city }),
      // The unknown id is a deleted event: its document goes.
      { delete: { _index: 'events', _id: '00000000-0000-4000-8000-000000000000' } },
    ]);
  });

  it('reindexes into a fresh index and swaps the alias atomically', async () => {
    const { mock, client } = mockedClient();
    const aliasActions: unknown[] = [];
    let documents = 0;
    const deleted: string[] = [];
    mock.add({ method: 'PUT', path: '/:index' }, () => ({ acknowledged: true }));
    mock.add({ method: ['POST', 'PUT'], path: '/_bulk' }, (params) => {
      documents += (params.body as unknown[]).length / 2;
      return { errors: false, items: [] };
    });
    mock.add({ method: ['POST', 'GET'], path: '/:index/_refresh' }, () => ({ _shards: { total: 1, successful: 1, failed: 0 } }));
    mock.add({ method: 'HEAD', path: '/_alias/events' }, () => ({}));
    mock.add({ method: 'GET', path: '/_alias/events' }, () => ({ 'events-1': { aliases: { events: {} } } }));
    mock.add({ method: 'POST', path: '/_aliases' }, (params) => {
      aliasActions.push(params.body);
      return { acknowledged: true };
    });
    mock.add({ method: 'DELETE', path: '/:index' }, (params) => {
      deleted.push(String(params.path));
      return { acknowledged: true };
    });

    const count = await createElasticsearchSearch(client, 'events', db).reindex();
    const [row] = await sql<{ count: number }[]>`select count(*)::int as count from events`;
    const events = row!.count;
    expect(count).toBe(events);
    expect(documents).toBe(events);
    expect(aliasActions[0]).toEqual({
      actions: [
        { remove: { index: 'events-1', alias: 'events' } },
        { add: { index: expect.stringMatching(/^events-\d+$/), alias: 'events' } },
      ],
    });
    expect(deleted).toEqual(['/events-1']);
  });

  it('lets a single letter beside longer words score (should) without being required (must), as the Postgres driver does', () => {
    const bool = (keyword: string) =>
      (buildSearchRequest('events', { keyword, page: 1, limit: 10 }).query as { bool: { must: unknown[]; should: unknown[] } }).bool;
    const initial = bool('T. Gray');
    expect(initial.must).toHaveLength(1);
    expect(JSON.stringify(initial.must[0])).toContain('"query":"gray"');
    expect(initial.should).toHaveLength(1);
    expect(JSON.stringify(initial.should[0])).toContain('"query":"t"');
    expect(bool('a b')).toMatchObject({ must: [expect.anything(), expect.anything()], should: [] });
  });

  it('builds one clause per word: as typed or a prefix (double points), or within a Damerau typo, by the best field tier', () => {
    const request = buildSearchRequest('events', {
      keyword: 'Beyoncé tay',
      page: 2,
      limit: 10,
      city: 'Paris',
      start: '2031-03-05',
      end: '2031-03-07T10:00:00.000Z',
    });
    expect(request).toMatchObject({ index: 'events', from: 10, size: 10, track_total_hits: 1000 });
    const must = (request.query as { bool: { must: unknown[]; filter: unknown[] } }).bool.must;
    expect(must).toHaveLength(2);
    expect(JSON.stringify(must[0])).toContain('"query":"beyonce"');
    expect(must[1]).toMatchObject({
      dis_max: {
        queries: expect.arrayContaining([
          {
            constant_score: {
              boost: 16,
              filter: {
                bool: {
                  should: [
                    { multi_match: { query: 'tay', fields: ['performer.name'] } },
                    { multi_match: { query: 'tay', fields: ['performer.name'], type: 'phrase_prefix' } },
                  ],
                  minimum_should_match: 1,
                },
              },
            },
          },
          {
            constant_score: {
              boost: 8,
              filter: {
                multi_match: {
                  query: 'tay',
                  fields: ['performer.name'],
                  fuzziness: 'AUTO:4,8',
                  fuzzy_transpositions: true,
                  prefix_length: 0,
                },
              },
            },
          },
        ]),
      },
    });
    expect((request.query as { bool: { filter: unknown[] } }).bool.filter).toEqual([
      { range: { date: { gte: 'now' } } },
      { range: { local_day: { gte: '2031-03-05' } } },
      { range: { date: { lte: '2031-03-07T10:00:00.000Z' } } },
      { term: { 'city.keyword': 'Paris' } },
    ]);
    expect(request.sort).toEqual([{ _score: { order: 'desc' } }, { date: { order: 'asc' } }, { id: { order: 'asc' } }]);
  });

  it('reads hits, totals and highlighted words, and asks for suggestions when nothing matched', async () => {
    const { mock, client } = mockedClient();
    const doc = {
      id: 'e1',
      name: 'Beyoncé: Renaissance',
      description: '',
      date: '2031-01-01T20:00:00.000Z',
      local_day: '2031-01-01',
      city: 'Paris',
      category: 'concert',
      performer: { id: 'p1', name: 'Beyoncé' },
      venue: { id: 'v1', name: 'Hall', timezone: 'Europe/Paris' },
    };
    const searches: unknown[] = [];
    mock.add({ method: ['POST', 'GET'], path: '/events/_search' }, (params) => {
      searches.push(params.body);
      if (searches.length === 1) {
        return {
          hits: {
            total: { value: 1, relation: 'eq' },
            hits: [{ _id: 'e1', _source: doc, highlight: { 'performer.name': ['\u0001Beyoncé\u0002'] } }],
          },
        };
      }
      return searches.length === 2
        ? { hits: { total: { value: 0, relation: 'eq' }, hits: [] } }
        : { hits: { total: { value: 1, relation: 'eq' }, hits: [{ _id: 'e1', _source: { performer: { name: 'Beyoncé' } } }] } };
    });
    const driver = createElasticsearchSearch(client, 'events', db);

    const found = await driver.search({ keyword: 'beyonse', page: 1, limit: 20 });
    expect(found).toEqual({
      page: 1,
      limit: 20,
      total: 1,
      events: [
        {
          id: 'e1',
          name: doc.name,
          date: doc.date,
          category: 'concert',
          performer: doc.performer,
          venue: { id: 'v1', name: 'Hall', city: 'Paris', timezone: 'Europe/Paris' },
          highlights: ['beyonce'],
        },
      ],
    });
    const missed = await driver.search({ keyword: 'beyonse xqzzy', page: 1, limit: 20 });
    expect(missed).toMatchObject({ total: 0, events: [], suggestions: ['Beyoncé'] });
    expect(searches[2]).toMatchObject({ collapse: { field: 'performer.name.keyword' } });
    // "Did you mean" forgives the same typos as the search: a swap anywhere is one edit.
    expect(JSON.stringify(searches[2])).toContain('"fuzziness":"AUTO:4,8","fuzzy_transpositions":true,"prefix_length":0');
  });

  it('stops counting at 1,000 and says so', async () => {
    const { mock, client } = mockedClient();
    mock.add({ method: ['POST', 'GET'], path: '/events/_search' }, () => ({ hits: { total: { value: 1000, relation: 'gte' }, hits: [] } }));
    const driver = createElasticsearchSearch(client, 'events', db);
    expect(await driver.search({ keyword: 'the', page: 60, limit: 20 })).toMatchObject({ total: 1000, totalCapped: true, events: [] });
  });
});
