import { formatMoney } from '../lib/money';
import { createFans } from '../lib/testing/factories';
import { expect, openSeatList, signIn, test, type JourneyEvent } from './fixtures';
import type { Page } from '@playwright/test';

type Seat = JourneyEvent['seats'][number];

// Paying through the local Stripe stand-in's hosted checkout page, in real Chromium: the same
// redirect, webhook and return path (settled by /api/checkout/return, then the booking page) as
// with real Stripe.

const seatBox = (page: Page, seat: Seat, status: 'available' | 'held' | 'sold') =>
  page.getByRole('checkbox', { name: `Row ${seat.row}, seat ${seat.number}, ${formatMoney(seat.price, 'USD')}, ${status}`, exact: true });

async function holdTwoSeats(page: Page, first: Seat, second: Seat) {
  await openSeatList(page);
  await seatBox(page, first, 'available').check();
  await seatBox(page, second, 'available').check();
  await page.getByRole('button', { name: 'Hold selected seats' }).click();
  await expect(page).toHaveURL(/\/reservations\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Your seats are on hold' })).toBeVisible();
  return new URL(page.url()).pathname;
}

async function fillCard(page: Page, card: string) {
  await page.getByLabel('Card number').fill(card);
  await page.getByLabel('Expiry (MM / YY)').fill('12 / 40');
  await page.getByLabel('CVC').fill('123');
}

test('a fan holds two seats, pays with 4242 on the hosted checkout and lands on a confirmed booking', async ({ page, sql, testEvent }) => {
  const [fan] = await createFans(sql, 1);
  const [first, second] = testEvent.seats;
  if (!first || !second || !fan) throw new Error('no seats or fan');
  const eventPath = `/events/${testEvent.eventId}`;
  const total = formatMoney(first.price + second.price, 'USD');

  await signIn(page, fan, eventPath);
  await holdTwoSeats(page, first, second);

  await test.step('pay on the hosted checkout page', async () => {
    await page.getByRole('button', { name: `Pay ${total}` }).click();
    await expect(page).toHaveURL(/\/checkout\/cs_test_\w+$/);
    await expect(page.getByRole('heading', { name: `Pay ${total}` })).toBeVisible();
    await expect(page.getByLabel('Email')).toHaveValue(fan.email);
    await fillCard(page, '4242 4242 4242 4242');
    await page.getByRole('button', { name: `Pay ${total}` }).click();
  });

  await test.step('the booking page shows the confirmed booking', async () => {
    await expect(page).toHaveURL(/\/bookings\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1, name: 'You’re going!' })).toBeVisible();
    await expect(page.getByText('Confirmed', { exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { name: '2 seats' })).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(`Total paid.*${total.replace('$', '\\$')}`) })).toBeVisible();
  });

  await test.step('"My tickets" lists it and the seats show as sold on the event page', async () => {
    await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'My tickets' }).click();
    await expect(page.getByRole('heading', { level: 2, name: testEvent.name })).toBeVisible();
    await expect(page.getByText('Paid', { exact: true })).toBeVisible();
    await page.goto(eventPath);
    await expect(seatBox(page, first, 'sold')).toBeDisabled();
    await expect(seatBox(page, second, 'sold')).toBeDisabled();
  });

  const sold = await sql`select status from tickets where id = any(${[first.id, second.id]}::uuid[])`;
  expect(sold.map((t) => t.status)).toEqual(['sold', 'sold']);
});

test('a declined card shows a clear message and leaves the hold intact', async ({ page, sql, testEvent }) => {
  const [fan] = await createFans(sql, 1);
  const [, , first, second] = testEvent.seats;
  if (!first || !second || !fan) throw new Error('no seats or fan');
  await signIn(page, fan, `/events/${testEvent.eventId}`);
  const holdPath = await holdTwoSeats(page, first, second);
  const reservationId = holdPath.split('/').pop()!;

  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(page).toHaveURL(/\/checkout\/cs_test_\w+$/);
  await fillCard(page, '4000 0000 0000 0002');
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(page.getByRole('alert')).toHaveText('Your card was declined. Try a different card.');

  await test.step('back on the hold page the seats are still held, with the countdown', async () => {
    await page.getByRole('link', { name: 'Cancel and go back' }).click();
    await expect(page).toHaveURL(new RegExp(`${holdPath}\\?checkout=cancelled$`));
    await expect(page.getByRole('heading', { level: 1, name: 'Your seats are on hold' })).toBeVisible();
    await expect(page.getByText('Not paid', { exact: true })).toBeVisible();
    await expect(page.getByRole('timer')).toHaveText(/^1[0-4]:\d{2}$/);
  });

  const tickets = await sql`select status, hold_id from tickets where id = any(${[first.id, second.id]}::uuid[])`;
  expect(tickets).toEqual([
    { status: 'reserved', hold_id: reservationId },
    { status: 'reserved', hold_id: reservationId },
  ]);
  const [booking] = await sql`select status from bookings where reservation_id = ${reservationId}`;
  expect(booking!.status).toBe('pending');
});
