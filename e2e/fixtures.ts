import { randomUUID } from 'node:crypto';
import { test as base, expect, type Page } from '@playwright/test';
import postgres from 'postgres';
import { createEvent, testPassword, type TestEvent, type TestFan } from '../lib/testing/factories';
import { assertLocalDatabase, testDatabaseUrl as databaseUrl } from '../lib/testing/test-env';

// Journeys write straight into the database the site under test reads (TEST_DATABASE_URL, as
// the server's), and only ever a local test database.

export type JourneyEvent = TestEvent & { name: string };
export type NewFan = { name: string; email: string; password: string };

type TestFixtures = {
  /** A fresh on-sale event (2 sections x 2 rows x 10 seats) that no other test touches. */
  testEvent: JourneyEvent;
  /** Details for a fan who does not have an account yet. */
  newFan: NewFan;
};
type WorkerFixtures = { sql: postgres.Sql };

// Every journey also checks the Content-Security-Policy (lib/security/headers.mjs): a script,
// socket, frame or form target the policy refused is a bug in the policy or in the page.
const cspViolation = /Content Security Policy|Refused to (load|connect|execute|frame|apply|send form)/i;

export const test = base.extend<TestFixtures, WorkerFixtures>({
  context: async ({ context }, provide) => {
    const violations: string[] = [];
    const watch = (page: Page) =>
      page.on('console', (message) => {
        if (cspViolation.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
      });
    context.pages().forEach(watch);
    context.on('page', watch);
    await provide(context);
    expect(violations, 'Content-Security-Policy violations').toEqual([]);
  },

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

/** The seat list renders on request: open it. The tab remembers, so later event pages open with it. */
export async function openSeatList(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Show seats as a list' }).click();
}

/** Signs the fan in through the form and waits to land on `then`. */
export async function signIn(page: Page, fan: TestFan, then: string): Promise<void> {
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(then)}`);
  await page.getByLabel('Email').fill(fan.email);
  await page.getByLabel('Password').fill(testPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`${then}$`));
}
