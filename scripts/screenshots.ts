// Screenshots of the stadium event page for the README, on the two profiles the journeys use: a
// 1366 x 860 desktop and a 390 x 844 phone (touch). A stadium is put on in the test database
// (TEST_DATABASE_URL), with a third of its seats sold, and shot against a running test server.
// Usage: npx tsx --conditions=react-server scripts/screenshots.ts [baseUrl]   -> docs/screenshots/
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import postgres from 'postgres';
import { createEvent } from '../lib/testing/factories';
import { mulberry32 } from '../lib/testing/race';
import { assertLocalDatabase, testDatabaseUrl } from '../lib/testing/test-env';
import { testBaseUrl } from '../lib/testing/server-env';
import { generateSeatMap } from '../lib/venues/generate-seat-map';

const baseUrl = process.argv[2] ?? testBaseUrl;
const out = path.resolve(import.meta.dirname, '../docs/screenshots');

async function main() {
  assertLocalDatabase(testDatabaseUrl);
  const sql = postgres(testDatabaseUrl, { max: 2, onnotice: () => {} });
  const event = await createEvent(sql, { seatMap: generateSeatMap('stadium', mulberry32(42)), name: 'Cup Final' });
  await sql`update events set description = ${'The final of the season, under the lights. Gates open two hours before kick-off.'} where id = ${event.eventId}`;
  await sql`update tickets set status = 'sold', booking_id = gen_random_uuid() where event_id = ${event.eventId} and random() < 0.33`;
  await sql.end();

  mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const profiles = [
    { name: 'desktop', viewport: { width: 1366, height: 860 }, isMobile: false, hasTouch: false },
    { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  ];
  for (const profile of profiles) {
    const context = await browser.newContext({
      viewport: profile.viewport,
      isMobile: profile.isMobile,
      hasTouch: profile.hasTouch,
      deviceScaleFactor: 1,
    });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/events/${event.eventId}`);
    await page.getByRole('group', { name: /^Seat map/ }).waitFor();
    await page.getByText('Live: changes appear as they happen').waitFor();
    const file = path.join(out, `stadium-${profile.name}.png`);
    await page.screenshot({ path: file });
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
    await context.close();
  }
  await browser.close();
}

await main();
