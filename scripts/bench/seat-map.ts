// The seat map of a 40,000-seat stadium in real Chromium: time to interactive, the payload sizes
// it reads, and frame times while panning and zooming (overview and zoomed into seats).
// Usage: npx tsx --conditions=react-server scripts/bench/seat-map.ts [baseUrl]   (a running production build)
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import postgres from 'postgres';
import { createEvent } from '../../lib/testing/factories';
import { mulberry32 } from '../../lib/testing/race';
import { assertLocalDatabase, testDatabaseUrl } from '../../lib/testing/test-env';
import { generateSeatMap } from '../../lib/venues/generate-seat-map';
import { seatCount } from '../../lib/venues/seat-map';
import { ms, summarise, table } from './stats';

const baseUrl = process.argv[2] ?? 'http://127.0.0.1:3300';
const databaseUrl = process.env.DATABASE_URL ?? testDatabaseUrl;

async function stadiumEvent(sql: postgres.Sql) {
  const seatMap = generateSeatMap('stadium', mulberry32(40_000));
  const event = await createEvent(sql, { seatMap, name: 'Seat map bench stadium' });
  // A third sold, scattered, so the map draws every state it will meet at an on-sale.
  await sql`update tickets set status = 'sold', booking_id = gen_random_uuid()
            where event_id = ${event.eventId} and random() < 0.33`;
  return { ...event, seats: seatCount(seatMap), sections: seatMap.sections.length };
}

/** rAF intervals while `action` runs: what the fan sees as smoothness. */
async function frames(page: Page, action: () => Promise<void>) {
  // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
  await page.evaluate(`(() => {
    window.frames_ = [];
    window.recording = true;
    let last = performance.now();
    const tick = (t) => {
      window.frames_.push(t - last);
      last = t;
      if (window.recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await action();
  await page.waitForTimeout(300);
  const samples = await page.evaluate(() => {
    const w = window as unknown as { frames_: number[]; recording: boolean };
    w.recording = false;
    return w.frames_.slice(1);
  });
  const s = summarise(samples);
  return { ...s, max: Math.max(...samples), over50: samples.filter((f) => f > 50).length };
}

async function drag(page: Page, from: { x: number; y: number }, dx: number, dy: number, steps = 40) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) await page.mouse.move(from.x + (dx * i) / steps, from.y + (dy * i) / steps);
  await page.mouse.up();
}

async function main() {
  assertLocalDatabase(databaseUrl);
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  const event = await stadiumEvent(sql);
  await sql.end();

  const sizes = await Promise.all(
    ['seats', 'availability'].map(async (what) => {
      const body = Buffer.from(await (await fetch(`${baseUrl}/api/events/${event.eventId}/${what}`)).arrayBuffer());
      return [what, body.length, gzipSync(body).length] as const;
    }),
  );

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const rows: string[][] = [];

  // Cold: nothing cached. Interactive = every section shape is in the DOM and can take input.
  const started = Date.now();
  await page.goto(`${baseUrl}/events/${event.eventId}`);
  await page.waitForFunction((n) => document.querySelectorAll('[data-section]').length === n, event.sections, {
    polling: 'raf',
    timeout: 60_000,
  });
  const tti = Date.now() - started;
  const nav = (await page.evaluate(`(() => {
    const done = (part) => performance.getEntriesByType('resource').find((r) => r.name.endsWith('/' + part))?.responseEnd ?? NaN;
    const entry = performance.getEntriesByType('navigation')[0];
    return { domInteractive: entry.domInteractive, seats: done('seats'), availability: done('availability'), mapReady: performance.now() };
  })()`)) as { domInteractive: number; seats: number; availability: number; mapReady: number };
  rows.push([
    'time to interactive (navigation → all sections drawn and focusable)',
    ms(tti),
    `in-page: HTML interactive ${ms(nav.domInteractive)}, /seats loaded ${ms(nav.seats)}, /availability ${ms(nav.availability)}, map ready ${ms(nav.mapReady)}`,
  ]);

  const map = page.getByRole('group', { name: /^Seat map/ });
  const box = (await map.boundingBox())!;
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };

  const overviewPan = await frames(page, () => drag(page, centre, -300, -150));
  rows.push([
    'pan, overview (sections only)',
    `p50 ${ms(overviewPan.p50)}, p95 ${ms(overviewPan.p95)}`,
    `max ${ms(overviewPan.max)}, ${overviewPan.over50} of ${overviewPan.n} frames > 50 ms`,
  ]);

  await page.getByRole('button', { name: 'Whole venue' }).click();
  const zoomStart = Date.now();
  await page
    .locator('[data-section]')
    .nth(Math.floor(event.sections / 2))
    .click();
  await page.waitForFunction(() => document.querySelectorAll('[data-seat]').length > 0, undefined, { polling: 'raf' });
  const zoomMs = Date.now() - zoomStart;
  const drawnSeats = await page.locator('[data-seat]').count();
  rows.push(['open a section (click → its seats drawn)', ms(zoomMs), `${drawnSeats} seats drawn`]);

  const seatPan = await frames(page, () => drag(page, centre, 250, 120));
  const afterPan = await page.locator('[data-seat]').count();
  rows.push([
    'pan, zoomed into seats',
    `p50 ${ms(seatPan.p50)}, p95 ${ms(seatPan.p95)}`,
    `max ${ms(seatPan.max)} including the re-render when the drag ends, ${afterPan} seats drawn after`,
  ]);

  const wheel = await frames(page, async () => {
    await page.mouse.move(centre.x, centre.y);
    for (let i = 0; i < 10; i++) await page.mouse.wheel(0, 60);
    for (let i = 0; i < 10; i++) await page.mouse.wheel(0, -60);
  });
  rows.push(['wheel zoom out and back in', `p50 ${ms(wheel.p50)}, p95 ${ms(wheel.p95)}`, `max ${ms(wheel.max)}`]);

  // By keyboard, so the seat need not be on screen after the pans above.
  await page.locator('[data-seat]:not([aria-disabled])').first().focus();
  const toggle = Date.now();
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.querySelector('[data-seat][aria-checked="true"]'), undefined, { polling: 'raf' });
  rows.push(['select a seat (Space → drawn selected)', ms(Date.now() - toggle), '']);

  await browser.close();
  console.log(
    `\nSeat map, ${event.seats.toLocaleString('en-US')}-seat stadium (${event.sections} sections), Chromium 1280×800, software rendering\n`,
  );
  console.log(table(['what', 'time', 'notes'], rows));
  console.log(
    `\n${table(
      ['payload', 'bytes', 'gzip'],
      sizes.map(([w, raw, gz]) => [`/api/events/{id}/${w}`, raw.toLocaleString('en-US'), gz.toLocaleString('en-US')]),
    )}`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
