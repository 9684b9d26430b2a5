import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { testSql } from '@/lib/testing/db';
import { createEvent } from '@/lib/testing/factories';
import { createPostgresSearch } from './postgres';
import { lexeme } from './postgres-query';
import { unpreparedRunner } from './postgres-run';
import { expandWords } from './postgres-terms';

const sql = testSql();
afterAll(() => sql.end());

// A query word is matched as the catalogue words it begins only when Postgres's parser keeps it
// whole; "7e24c8ad" reads as the number 7e24 and the word c8ad in a document, so it must be
// searched as the parser cuts it (found by catalogue tests whose random tags looked like that).
describe('the Postgres driver on words the text parser splits', () => {
  it('finds an event by a word that reads as a number followed by letters', async () => {
    const digits = randomUUID().replace(/\D/g, '').slice(0, 6).padEnd(6, '1');
    const word = `${digits.slice(0, 1)}e${digits.slice(1, 3)}c${digits.slice(3)}ad`;
    const name = `Night Owls ${word}`;
    const event = await createEvent(sql, { name });
    const search = createPostgresSearch(db);
    for (const keyword of [name, word, `owls ${word}`]) {
      const found = await search.search({ keyword, page: 1, limit: 5 });
      expect(
        found.events.map((e) => e.id),
        keyword,
      ).toContain(event.eventId);
    }
  });
});

// A hyphenated catalogue word ("brand-new") is one lexeme beside its parts; a prefix that begins
// it is still matched as the exact words it stands for, quoted for tsquery input.
describe('the Postgres driver on prefixes of hyphenated words', () => {
  it('expands the prefix to the words it begins, hyphenated ones too, and finds the event', async () => {
    const tag = `zq${randomUUID()
      .replace(/[^a-f]/g, '')
      .slice(0, 8)}`;
    const event = await createEvent(sql, { name: `${tag}-night special` });
    const [terms] = await expandWords(unpreparedRunner(db), [tag.slice(0, 7)]);
    expect(terms?.prefixWords).toEqual(expect.arrayContaining([tag, `${tag}-night`]));
    const found = await createPostgresSearch(db).search({ keyword: tag.slice(0, 7), page: 1, limit: 5 });
    expect(found.events.map((e) => e.id)).toContain(event.eventId);
  });

  it('quotes any catalogue word for tsquery input', async () => {
    for (const word of ['brand-new', "o'neil", 'back\\slash', "it\\'s''"]) {
      const [row] = await sql`select array_to_tsvector(array[${word}]::text[]) @@ ${lexeme(word)}::tsquery as hit`;
      expect(row?.hit, word).toBe(true);
    }
  });
});
