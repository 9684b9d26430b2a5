import { randomUUID } from 'node:crypto';
import { test as base, expect } from '@playwright/test';
import postgres from 'postgres';
import { createEvent, type TestEvent } from '../lib/testing/factories';
import { testDatabaseUrl } from '../lib/testing/test-env';

// Journeys write straight into the database the site under test reads (TEST_DATABASE_URL, as
// scripts/test/server.ts gives the server). Only ever a local one: a typo in an environment
// variable must not put test events into a real catalogue.
const databaseUrl = testDatabaseUrl;

function assertLocalDatabase(url: string): void {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) {
    throw new Error(`Refusing to write journey data to a non-local database host: ${host}`);
  }
}

export type JourneyEvent = TestEvent & { name: string };
export type NewFan = { name: string; email: string; password: string };

type TestFixtures = {
  /** A fresh on-sale event (2 sections x 2 rows x 10 seats) that no other test touches. */
  testEvent: JourneyEvent;
  /** Details for a fan who does not have an account yet. */
  newFan: NewFan;
};
type WorkerFixtures = { sql: postgres.Sql };

export const test = base.extend<TestFixtures, WorkerFixtures>({
  sql: [
    async ({}, provide) => {
      assertLocalDatabase(databaseUrl);
      const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
      await provide(sql);
      await sql.end();
    },
    { scope: 'worker' },
  ],

  // Nothing is deleted afterwards: names are unique, and a leftover event is evidence when a run fails.
  testEvent: async ({ sql }, provide) => {
    const name = `Journey Night ${randomUUID().slice(0, 8)}`;
    const event = await createEvent(sql, { name, sections: 2, rows: 2, seatsPerRow: 10 });
    await provide({ ...event, name });
  },

  newFan: async ({}, provide) => {
    const tag = randomUUID().slice(0, 8);
    await provide({ name: `Jo Journey ${tag}`, email: `journey-${tag}@example.test`, password: `seats-${tag}-42` });
  },
});

export { expect };
