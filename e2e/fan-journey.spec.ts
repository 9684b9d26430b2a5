import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { formatMoney } from '../lib/money';
import { createFans } from '../lib/testing/factories';
import { expect, signIn, test, type JourneyEvent } from './fixtures';

// The fan's journey on both profiles of playwright.config.ts: the desktop one and the phone one
// (touch, 390 x 844). What a fan lost or was misled by before (issue 15) is checked here.

type Seat = JourneyEvent['seats'][number];

// The test event's sections are S1, S2, named "Section 1", "Section 2".
const seatName = (seat: Seat) =>
  `Section ${seat.section.slice(1)}, row ${seat.row}, seat ${seat.number}, ${formatMoney(seat.price, 'USD')}`;
const mapSeat = (page: Page, seat: Seat) => page.getByRole('checkbox', { name: new RegExp(`^${seatName(seat).replace('$', '\\$')}, `) });

/** A tap on a touch screen, a click with a mouse. */
async function press(page: Page, target: Locator) {
  if (test.info().project.use.hasTouch) await target.tap();
  else await target.click();
}

/** Picks a seat on the map. On a phone the first tap on a small seat zooms to it; the next picks it. */
async function pick(page: Page, seat: Seat) {
  const box = mapSeat(page, seat);
  const map = page.getByRole('group', { name: /^Seat map/ });
  const before = await map.getAttribute('viewBox');
  await press(page, box);
  const checked = async () => (await box.getAttribute('aria-checked')) === 'true';
  await expect.poll(async () => (await checked()) || (await map.getAttribute('viewBox')) !== before).toBe(true);
  if (!(await checked())) await press(page, box);
  await expect(box).toHaveAttribute('aria-checked', 'true');
}

test('seats picked while signed out are kept through sign-up and held straight after', async ({ page, testEvent, newFan }) => {
  const eventPath = `/events/${testEvent.eventId}`;
  const [first, second] = testEvent.seats;
  await page.goto(eventPath);
  await pick(page, first!);
  await pick(page, second!);
  await expect(page.getByText('2 of 8 seats selected, total')).toBeVisible();

  await test.step('the list shows the same selection as the map', async () => {
    await page.getByRole('button', { name: 'Show seats as a list' }).click();
    const list = page.getByRole('region', { name: 'Or choose from a list' });
    await expect(list.getByText('2 of 8 seats selected', { exact: true })).toBeVisible();
    await expect(list.getByRole('checkbox', { checked: true })).toHaveCount(2);
  });

  await page.getByRole('link', { name: 'Sign in to hold seats' }).first().click();
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByLabel('Your name').fill(newFan.name);
  await page.getByLabel('Email').fill(newFan.email);
  await page.getByLabel('Password').fill(newFan.password);
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page).toHaveURL(/\/reservations\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Your seats are on hold' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '2 seats' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Section 1' }).first()).toBeVisible();
});

test('a declined card is "Not paid" with the time left and a Pay button, and never under My tickets', async ({ page, sql, testEvent }) => {
  const [fan] = await createFans(sql, 1);
  const eventPath = `/events/${testEvent.eventId}`;
  // No publishable key in the tests: nothing may be fetched from Stripe's servers (offline-safe).
  const stripeJs: string[] = [];
  page.on('request', (r) => {
    if (/stripe\.com/.test(r.url())) stripeJs.push(r.url());
  });
  await signIn(page, fan!, eventPath);
  await pick(page, testEvent.seats[4]!);
  await press(page, page.getByRole('button', { name: 'Hold 1 seat' }));
  await expect(page).toHaveURL(/\/reservations\/[0-9a-f-]{36}$/);
  const reservationId = page.url().split('/').pop()!;

  await press(page, page.getByRole('button', { name: /^Pay / }));
  await expect(page).toHaveURL(/\/checkout\/cs_test_\w+$/);
  await page.getByLabel('Card number').fill('4000 0000 0000 0002');
  await page.getByLabel('Expiry (MM / YY)').fill('12 / 40');
  await page.getByLabel('CVC').fill('123');
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(page.getByRole('alert')).toHaveText('Your card was declined. Try a different card.');
  await page.getByRole('link', { name: 'Cancel and go back' }).click();

  await expect(page.getByText('Not paid', { exact: true })).toBeVisible();
  await expect(page.getByRole('timer')).toHaveText(/^1[0-4]:\d{2}$/);
  await expect(page.getByRole('button', { name: /^Pay \$/ })).toBeVisible();

  await page.goto('/bookings');
  await expect(page.getByText('You have not booked any tickets yet.')).toBeVisible();
  await expect(page.getByText(/pending/i)).toHaveCount(0);

  await page.goto('/reservations');
  await expect(page.getByText('Not paid', { exact: true })).toBeVisible();

  const [booking] = await sql`select id from bookings where reservation_id = ${reservationId}`;
  await page.goto(`/bookings/${booking!.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Not paid' })).toBeVisible();
  await expect(page.getByRole('timer')).toHaveText(/^1[0-4]:\d{2}$/);
  await expect(page.getByRole('button', { name: /^Pay \$/ })).toBeVisible();
  await expect(page.getByText(/Total paid/)).toHaveCount(0);
  expect(stripeJs).toEqual([]);
});

test('a seat tells what it is on hover, focus and tap', async ({ page, testEvent }) => {
  const seat = testEvent.seats[2]!;
  await page.goto(`/events/${testEvent.eventId}`);
  const tooltip = page.getByRole('tooltip');
  const says = new RegExp(
    `Section 1.*Row ${seat.row}.*Seat ${seat.number}.*${formatMoney(seat.price, 'USD').replace('$', '\\$')}.*Available`,
  );
  if (test.info().project.use.hasTouch) {
    await mapSeat(page, seat).tap();
  } else {
    await mapSeat(page, seat).hover();
    await expect(tooltip).toHaveText(says);
    await page.mouse.move(0, 0);
    await expect(tooltip).toHaveCount(0);
    await mapSeat(page, seat).focus();
  }
  await expect(tooltip).toHaveText(says);
});

test('on a phone the map starts within the first screen, and a swipe over it scrolls the page', async ({ page, sql, testEvent }) => {
  test.skip(!test.info().project.use.isMobile, 'phone profile only');
  // A long description, as real events have: it must not push the map down.
  await sql`update events set description = ${'A long evening of music. '.repeat(40)} where id = ${testEvent.eventId}`;
  const [fan] = await createFans(sql, 1);
  await signIn(page, fan!, `/events/${testEvent.eventId}`);
  const map = page.getByRole('group', { name: /^Seat map/ });
  await expect(map).toBeVisible();
  const box = (await map.boundingBox())!;
  const screen = page.viewportSize()!;
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  // Signed in, the header is the brand and account links on one row, search on the next (not three rows).
  expect((await page.locator('header.site-header').boundingBox())!.height).toBeLessThan(150);
  expect(box.y).toBeLessThan(screen.height);
  expect(box.y + 120).toBeLessThan(screen.height);

  await test.step('a one-finger vertical swipe over the whole venue scrolls the page, not the map', async () => {
    const viewBox = await map.getAttribute('viewBox');
    const x = box.x + box.width / 2;
    const y = Math.min(box.y + box.height / 2, screen.height - 60);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y, id: 1 }] });
    for (let dy = 20; dy <= 300; dy += 20)
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y - dy, id: 1 }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(100);
    await expect(map).toHaveAttribute('viewBox', viewBox!);
  });

  await test.step('opening a section on a phone shows seats at least 24 px wide', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByRole('button', { name: 'Full screen' }).tap();
    await page.getByRole('button', { name: /^Section 2: / }).tap();
    const seat = (await mapSeat(page, testEvent.seats[25]!).boundingBox())!;
    expect(Math.min(seat.width, seat.height)).toBeGreaterThanOrEqual(24);
  });
});

test('the event page passes axe with the WCAG 2.2 AA rules', async ({ page, sql, testEvent }) => {
  const [fan] = await createFans(sql, 1);
  await signIn(page, fan!, `/events/${testEvent.eventId}`);
  await pick(page, testEvent.seats[0]!);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
});
