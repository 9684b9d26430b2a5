import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { testSql } from '@/lib/testing/db';
import { createEvent } from '@/lib/testing/factories';
import { createPostgresSearch } from './postgres';

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
