import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { createRedisKv } from '@/lib/kv/redis';
import { testSql } from '@/lib/testing/db';
import { testDatabaseUrl, testKvPrefix, testRedisUrl } from '@/lib/testing/test-env';
import { importCatalogue } from './import-catalogue';

const sql = testSql();
const kv = createRedisKv(testRedisUrl, { prefix: `${testKvPrefix}import:`, timeoutMs: 250 });
afterAll(async () => {
  await Promise.all([sql.end(), kv.close()]);
});

const root = path.resolve(import.meta.dirname, '../..');
const example = readFileSync(path.join(root, 'db/examples/catalogue.json'), 'utf8');

/** The example file with names and ids of its own, so runs never meet each other's rows. */
function exampleFile(tag = randomUUID().slice(0, 8)): string {
  return example
    .replaceAll('"externalId": "', `"externalId": "${tag}-`)
    .replaceAll('Harbour Light Theatre', `Harbour Light Theatre ${tag}`)
    .replaceAll('The Boathouse', `The Boathouse ${tag}`)
    .replaceAll('Mariza Antunes', `Mariza Antunes ${tag}`)
    .replaceAll('The Late Tide Players', `The Late Tide Players ${tag}`);
}

async function snapshot(externalPrefix: string) {
  const events = await sql`
    select e.id, e.external_id, e.name, e.description, e.date, e.on_sale_at, e.seat_version, e.queue_mode, e.performer_id, e.venue_id
    from events e where e.external_id like ${`${externalPrefix}%`} order by e.external_id`;
  const tickets = await sql`
    select t.event_id, count(*)::int as n, sum(t.price_minor)::int as total, min(t.id::text) as first_id
    from tickets t join events e on e.id = t.event_id where e.external_id like ${`${externalPrefix}%`} group by t.event_id order by t.event_id`;
  const counts = await sql`select (select count(*) from venues)::int as venues, (select count(*) from performers)::int as performers`;
  return JSON.stringify({ events, tickets, counts });
}

describe('importCatalogue', () => {
  it('puts on the example file, and importing it again changes nothing', async () => {
    const tag = randomUUID().slice(0, 8);
    const first = await importCatalogue(db, kv, exampleFile(tag));
    if (!first.ok) throw new Error(JSON.stringify(first.errors));
    expect(first.events.map((e) => e.outcome)).toEqual(['created', 'created', 'created']);
    expect(first.events[2]).toMatchObject({ externalId: `${tag}-boathouse-2027-06-02`, tickets: 24 });

    const rows = await sql`
      select e.external_id, e.city, e.date, e.on_sale_at, e.currency, e.queue_mode, e.queue_outflow_per_minute, p.name as performer, v.name as venue, v.timezone
      from events e join performers p on p.id = e.performer_id join venues v on v.id = e.venue_id
      where e.external_id like ${`${tag}-%`} order by e.external_id`;
    expect(rows.map((r) => r.external_id)).toEqual([
      `${tag}-boathouse-2027-06-02`,
      `${tag}-harbour-light-2027-05-14`,
      `${tag}-harbour-light-2027-05-15`,
    ]);
    const [boathouse, night1, night2] = rows;
    // 21:00 in Lisbon in May is 20:00 UTC (WEST); an explicit Z is taken as given.
    expect(new Date(night1!.date).toISOString()).toBe('2027-05-14T20:00:00.000Z');
    expect(new Date(boathouse!.on_sale_at).toISOString()).toBe('2027-04-01T09:00:00.000Z');
    expect(night1).toMatchObject({
      city: 'Lisbon',
      currency: 'EUR',
      queue_mode: 'off',
      performer: `Mariza Antunes ${tag}`,
      timezone: 'Europe/Lisbon',
    });
    expect(night2).toMatchObject({ queue_mode: 'auto', queue_outflow_per_minute: 300, performer: `Mariza Antunes ${tag}` });
    // Both nights at one venue (created once), both by one performer (created once).
    expect(await sql`select 1 from venues where name = ${`Harbour Light Theatre ${tag}`}`).toHaveLength(1);
    expect(await sql`select 1 from performers where name = ${`Mariza Antunes ${tag}`}`).toHaveLength(1);
    const prices = await sql`
      select t.tier, min(t.price_minor)::int as low, max(t.price_minor)::int as high from tickets t join events e on e.id = t.event_id
      where e.external_id = ${`${tag}-boathouse-2027-06-02`} group by t.tier order by t.tier`;
    expect(prices).toEqual([
      { tier: 'back', low: 1800, high: 1800 },
      { tier: 'front', low: 2500, high: 2500 },
    ]);

    const before = await snapshot(`${tag}-`);
    const again = await importCatalogue(db, kv, exampleFile(tag));
    if (!again.ok) throw new Error(JSON.stringify(again.errors));
    expect(again.events.map((e) => e.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(again.events.map((e) => e.eventId)).toEqual(first.events.map((e) => e.eventId));
    expect(await snapshot(`${tag}-`)).toBe(before);
  });

  it('updates what may change on a re-import, and refuses to re-price issued tickets', async () => {
    const tag = randomUUID().slice(0, 8);
    const file = exampleFile(tag);
    const created = await importCatalogue(db, kv, file);
    if (!created.ok) throw new Error(JSON.stringify(created.errors));

    const edited = file
      .replace('"name": "Late Tide Comedy"', '"name": "Late Tide Comedy (extra show)"')
      .replace('"date": "2027-06-02T20:30"', '"date": "2027-06-02T22:00"');
    const updated = await importCatalogue(db, kv, edited);
    if (!updated.ok) throw new Error(JSON.stringify(updated.errors));
    expect(updated.events.map((e) => e.outcome)).toEqual(['unchanged', 'unchanged', 'updated']);
    const [row] = await sql`select name, date from events where external_id = ${`${tag}-boathouse-2027-06-02`}`;
    expect(row!.name).toBe('Late Tide Comedy (extra show)');
    expect(new Date(row!.date).toISOString()).toBe('2027-06-02T21:00:00.000Z');

    const before = await snapshot(`${tag}-`);
    const repriced = await importCatalogue(db, kv, edited.replace('"front": 2500', '"front": 2900'));
    expect(repriced.ok).toBe(false);
    if (repriced.ok) return;
    expect(repriced.errors).toEqual([
      expect.objectContaining({
        line: lineOf(edited, '"front": 2500, "back": 1800'),
        message: expect.stringContaining('prices cannot change once issued'),
      }),
    ]);
    expect(await snapshot(`${tag}-`)).toBe(before);
  });

  it('reports every problem of a bad file with its line, and writes nothing', async () => {
    const tag = randomUUID().slice(0, 8);
    const bad = `{
  "events": [
    {
      "externalId": "${tag}-ok-shape",
      "name": "Nowhere Night",
      "category": "concert",
      "performer": "Someone ${tag}",
      "venue": "No Such Venue ${tag}",
      "date": "2027-05-14T21:00",
      "onSale": "2027-02-01T10:00",
      "currency": "EUR",
      "prices": { "standard": 1000 }
    },
    {
      "externalId": "${tag}-bad-fields",
      "name": "",
      "category": "concert",
      "performer": { "name": "Someone ${tag}" },
      "venue": { "name": "Hall ${tag}", "city": "Lisbon", "address": "1 Rua", "timezone": "Lisbon/Portugal", "kind": "theatre" },
      "date": "14/05/2027 21:00",
      "onSale": "2027-02-01T10:00",
      "currency": "euro",
      "prices": { "standard": 10.5 },
      "seats": 100
    },
    {
      "externalId": "${tag}-time-travel",
      "name": "Backwards",
      "category": "concert",
      "performer": "Someone ${tag}",
      "venue": { "name": "Hall B ${tag}", "city": "Lisbon", "address": "2 Rua", "timezone": "Europe/Lisbon", "kind": "theatre" },
      "date": "2027-03-28T01:30",
      "onSale": "2027-04-01T10:00",
      "currency": "EUR",
      "prices": { "premium": 1, "preferred": 1, "standard": 1, "value": 1 }
    },
    {
      "externalId": "${tag}-sale-after-show",
      "name": "Too Late",
      "category": "concert",
      "performer": "Someone ${tag}",
      "venue": "Hall B ${tag}",
      "date": "2027-05-01T20:00",
      "onSale": "2027-05-02T10:00",
      "currency": "EUR",
      "prices": { "premium": 1, "preferred": 1, "standard": 1, "value": 1 }
    }
  ]
}`;
    const venuesBefore = await sql`select count(*)::int as n from venues`;
    const report = await importCatalogue(db, kv, bad);
    expect(report.ok).toBe(false);
    if (report.ok) return;
    const at = (needle: string) => lineOf(bad, needle);
    // The shape is checked first, across the whole file.
    expect(report.errors).toEqual([
      { line: at('"name": ""'), path: 'events[1].name', message: 'must not be empty' },
      { line: at('"performer": { "name"'), path: 'events[1].performer.genre', message: expect.any(String) },
      {
        line: at('"timezone": "Lisbon/Portugal"'),
        path: 'events[1].venue.timezone',
        message: expect.stringContaining('must be an IANA time zone'),
      },
      { line: at('"date": "14/05'), path: 'events[1].date', message: expect.stringContaining('such as "2027-05-01T20:00"') },
      { line: at('"currency": "euro"'), path: 'events[1].currency', message: expect.stringContaining('three-letter currency code') },
      { line: at('"standard": 10.5'), path: 'events[1].prices.standard', message: expect.stringContaining('whole number of minor units') },
      { line: at('"seats": 100'), path: 'events[1]', message: expect.stringContaining('seats') },
    ]);

    // With the shape fixed, the database checks: unknown venue, a skipped hour, on-sale after the show.
    const shaped = bad
      .replace('"name": "",', '"name": "Fixed",')
      .replace(`"performer": { "name": "Someone ${tag}" }`, `"performer": "Someone ${tag}"`)
      .replace('"timezone": "Lisbon/Portugal"', '"timezone": "Europe/Lisbon"')
      .replace('"date": "14/05/2027 21:00"', '"date": "2027-05-14T21:00"')
      .replace('"currency": "euro"', '"currency": "EUR"')
      .replace('"standard": 10.5', '"standard": 1000')
      .replace(',\n      "seats": 100', '');
    const second = await importCatalogue(db, kv, shaped);
    expect(second.ok).toBe(false);
    if (second.ok) return;
    const line = (needle: string) => lineOf(shaped, needle);
    expect(second.errors).toEqual([
      {
        line: line(`"venue": "No Such Venue`),
        path: 'events[0].venue',
        message: expect.stringContaining(`no venue is named "No Such Venue ${tag}"`),
      },
      {
        line: at('"standard": 10.5'),
        path: 'events[1].prices',
        message: expect.stringContaining('no price for tiers "premium", "preferred", "value"'),
      },
      {
        line: line('"date": "2027-03-28T01:30"'),
        path: 'events[2].date',
        message: '2027-03-28T01:30 does not exist in Europe/Lisbon: the clocks skip that hour',
      },
      { line: line('"onSale": "2027-05-02T10:00"'), path: 'events[3].onSale', message: 'tickets must go on sale before the show' },
    ]);
    expect(await sql`select 1 from events where external_id like ${`${tag}-%`}`).toHaveLength(0);
    expect(await sql`select count(*)::int as n from venues`).toEqual(venuesBefore);
    expect(await sql`select 1 from performers where name = ${`Someone ${tag}`}`).toHaveLength(0);
  });

  it('names the line and column of a JSON syntax error', async () => {
    const report = await importCatalogue(db, kv, '{\n  "events": [\n    { "externalId": "x", }\n  ]\n}\n');
    expect(report).toEqual({
      ok: false,
      errors: [{ line: 3, path: '', message: expect.stringMatching(/^not valid JSON: .*\(column \d+\)$/) }],
    });
  });
});

describe('npm run catalogue:import', () => {
  it('imports a file, prints each event with its line, and exits 1 with line-numbered errors for a bad one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'catalogue-'));
    const good = path.join(dir, 'good.json');
    const bad = path.join(dir, 'bad.json');
    const tag = randomUUID().slice(0, 8);
    writeFileSync(good, exampleFile(tag));
    writeFileSync(bad, exampleFile(tag).replace('"currency": "EUR"', '"currency": "eur"'));
    const env = { ...process.env, DATABASE_URL: testDatabaseUrl, REDIS_URL: testRedisUrl, KV_PREFIX: `${testKvPrefix}import-cli:` };
    const run = (file: string) =>
      promisify(execFile)(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/catalogue-import.ts', file], {
        cwd: root,
        env,
      }).then(
        (r) => ({ code: 0, ...r }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );

    const failed = await run(bad);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(
      `${bad}:${lineOf(exampleFile(tag), '"currency": "EUR"')}: events[0].currency: must be a three-letter currency code`,
    );
    expect(failed.stderr).toContain('nothing was imported');

    const first = await run(good);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      `${good}:${lineOf(exampleFile(tag), `"externalId": "${tag}-harbour-light-2027-05-14"`) - 1}: created ${tag}-harbour-light-2027-05-14`,
    );
    expect(first.stdout).toContain('3 created, 0 updated, 0 unchanged.');
    const again = await run(good);
    expect(again.stdout).toContain('0 created, 0 updated, 3 unchanged.');
  });
});

/** The line (from 1) of the first occurrence of `needle` in `text`. */
function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`not in the text: ${needle}`);
  return text.slice(0, at).split('\n').length;
}
