import AxeBuilder from '@axe-core/playwright';
import { devices, type Page } from '@playwright/test';
import { formatMoney } from '../lib/money';
import { createFans } from '../lib/testing/factories';
import { expect, signIn, test, type JourneyEvent } from './fixtures';

type Seat = JourneyEvent['seats'][number];
type State = 'available' | 'held' | 'held by you' | 'available, selected';

// The test event's sections are S1, S2, named "Section 1", "Section 2".
const label = (seat: Seat, state: State) =>
  `Section ${seat.section.slice(1)}, row ${seat.row}, seat ${seat.number}, ${formatMoney(seat.price, 'USD')}, ${state}`;
const mapSeat = (page: Page, seat: Seat, state: State) => page.getByRole('checkbox', { name: label(seat, state), exact: true });

/** Resolves when the map shows every seat in the state, checked each frame for a fair latency. */
function waitForStates(page: Page, seats: Seat[], state: State) {
  const selectors = seats.map((s) => `[aria-label="${label(s, state)}"]`);
  return page.waitForFunction((sel) => sel.every((s) => document.querySelector(s)), selectors, { polling: 'raf', timeout: 5_000 });
}

test('a hold on one fan’s map shows on another’s within a second, and its release too', async ({ browser, sql, testEvent }) => {
  const [a, b] = await createFans(sql, 2);
  const eventPath = `/events/${testEvent.eventId}`;
  const seats = testEvent.seats.slice(2, 4);
  const contextA = await browser.newContext();
  const contextB = await browser.newContext();
  const pageA = await contextA.newPage();
  const pageB = await contextB.newPage();
  await signIn(pageA, a!, eventPath);
  await signIn(pageB, b!, eventPath);
  await expect(pageB.getByText('Live: changes appear as they happen')).toBeVisible();

  for (const seat of seats) await mapSeat(pageA, seat, 'available').click();
  await expect(pageA.getByText('2 of 8 seats selected')).toBeVisible();
  await pageA.getByRole('button', { name: 'Hold 2 seats' }).click();
  await pageA.waitForURL(/\/reservations\/[0-9a-f-]{36}$/);
  const held = Date.now();
  await waitForStates(pageB, seats, 'held');
  const holdLatency = Date.now() - held;

  await pageA.getByRole('button', { name: 'Release seats' }).click();
  await pageA.waitForURL(new RegExp(`${eventPath}\\?released=1$`));
  const released = Date.now();
  await waitForStates(pageB, seats, 'available');
  const releaseLatency = Date.now() - released;

  console.log(`[seat-map] diff latency: hold ${holdLatency} ms, release ${releaseLatency} ms (after the holder's page had its answer)`);
  expect(holdLatency).toBeLessThan(1_000);
  expect(releaseLatency).toBeLessThan(1_000);
  await contextA.close();
  await contextB.close();
});

test('keyboard only: reach a section, move with arrows, select two seats and hold them', async ({ page, sql, testEvent }) => {
  const [fan] = await createFans(sql, 1);
  await signIn(page, fan!, `/events/${testEvent.eventId}`);
  const [first, second] = testEvent.seats;
  await expect(mapSeat(page, first!, 'available')).toBeVisible();

  const focused = () =>
    page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');
  for (let i = 0; i < 40 && !(await focused()).startsWith('Section 1:'); i++) await page.keyboard.press('Tab');
  expect(await focused()).toMatch(/^Section 1: 20 of 20 seats available/);
  await page.keyboard.press('Enter');
  await expect(mapSeat(page, first!, 'available')).toBeFocused();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await expect(mapSeat(page, second!, 'available')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(mapSeat(page, second!, 'available, selected')).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByText('2 of 8 seats selected, total')).toBeVisible();

  for (let i = 0; i < 40 && (await focused()) !== 'Hold 2 seats'; i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/reservations\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: '2 seats' })).toBeVisible();
});

test('best available: the server picks adjacent seats and holds them', async ({ page, sql, testEvent }) => {
  const [fan] = await createFans(sql, 1);
  await signIn(page, fan!, `/events/${testEvent.eventId}`);
  await page.getByLabel('Seats', { exact: true }).selectOption('3');
  await page.getByRole('button', { name: 'Find best seats' }).click();
  await expect(page).toHaveURL(/\/reservations\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: '3 seats' })).toBeVisible();
});

test('the event page has no serious or critical accessibility violations', async ({ page, sql, testEvent }) => {
  const [fan] = await createFans(sql, 1);
  await signIn(page, fan!, `/events/${testEvent.eventId}`);
  await mapSeat(page, testEvent.seats[0]!, 'available').click();
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
});

test.describe('on a phone', () => {
  // Everything but defaultBrowserType, which a describe block may not set.
  const { viewport, userAgent, deviceScaleFactor, isMobile, hasTouch } = devices['Pixel 7'];
  test.use({ viewport, userAgent, deviceScaleFactor, isMobile, hasTouch });

  test('pick with taps, zoom, hold', async ({ page, sql, testEvent }) => {
    const [fan] = await createFans(sql, 1);
    await signIn(page, fan!, `/events/${testEvent.eventId}`);
    const map = page.getByRole('group', { name: /^Seat map/ });
    const before = await map.getAttribute('viewBox');
    await page.getByRole('button', { name: 'Zoom in' }).tap();
    await expect(map).not.toHaveAttribute('viewBox', before ?? '');

    // Pinch out with two fingers: real touch events through the DevTools protocol.
    const width = async () => Number((await map.getAttribute('viewBox'))!.split(' ')[2]);
    const beforePinch = await width();
    // The fingers go on the middle of the map, which must be on screen for a touch to reach it.
    await map.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    const box = (await map.boundingBox())!;
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    const cdp = await page.context().newCDPSession(page);
    const fingers = (spread: number) => [
      { x: cx - spread, y: cy, id: 1 },
      { x: cx + spread, y: cy, id: 2 },
    ];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: fingers(20) });
    for (let spread = 30; spread <= 80; spread += 10)
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: fingers(spread) });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect.poll(width).toBeLessThan(beforePinch * 0.8);
    await page.getByRole('button', { name: 'Whole venue' }).tap();

    // A finger picks only seats at least 24 px wide: the first tap on a smaller one zooms to it.
    const [first, second] = testEvent.seats;
    for (const seat of [first!, second!]) {
      const before = await map.getAttribute('viewBox');
      await mapSeat(page, seat, 'available').tap();
      const selected = mapSeat(page, seat, 'available, selected');
      await expect.poll(async () => (await selected.count()) > 0 || (await map.getAttribute('viewBox')) !== before).toBe(true);
      if ((await selected.count()) === 0) await mapSeat(page, seat, 'available').tap();
      await expect(selected).toHaveAttribute('aria-checked', 'true');
    }
    await expect(page.getByText('2 of 8 seats selected')).toBeVisible();
    await page.getByRole('button', { name: 'Hold 2 seats' }).tap();
    await expect(page).toHaveURL(/\/reservations\/[0-9a-f-]{36}$/);
  });
});
