import { formatMoney } from '../lib/money';
import { expect, openSeatList, test, type JourneyEvent } from './fixtures';

type Seat = JourneyEvent['seats'][number];

test('a new fan signs up, holds two seats, watches the countdown and releases them', async ({ page, testEvent, newFan }) => {
  const eventPath = `/events/${testEvent.eventId}`;
  const seatBox = (seat: Seat, status: 'available' | 'held' | 'sold') =>
    page.getByRole('checkbox', {
      name: `Row ${seat.row}, seat ${seat.number}, ${formatMoney(seat.price, 'USD')}, ${status}`,
      exact: true,
    });
  const [first, second] = testEvent.seats;
  if (!first || !second) throw new Error('the test event has no seats');

  await test.step('sign up and land back on the event', async () => {
    await page.goto(`/sign-up?callbackUrl=${encodeURIComponent(eventPath)}`);
    await page.getByLabel('Your name').fill(newFan.name);
    await page.getByLabel('Email').fill(newFan.email);
    await page.getByLabel('Password').fill(newFan.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page).toHaveURL(new RegExp(`${eventPath}$`));
    await expect(page.getByRole('heading', { level: 1, name: testEvent.name })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Account' })).toContainText(newFan.name);
  });

  await test.step('hold two seats', async () => {
    await openSeatList(page);
    await seatBox(first, 'available').check();
    await seatBox(second, 'available').check();
    await expect(page.getByText('2 of 8 seats selected', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Hold selected seats' }).click();
    await expect(page).toHaveURL(/\/reservations\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Your seats are on hold' })).toBeVisible();
    await expect(page.getByRole('heading', { name: '2 seats' })).toBeVisible();
  });

  await test.step('the countdown ticks', async () => {
    const timer = page.getByRole('timer');
    await expect(timer).toHaveText(/^\d{2}:\d{2}$/);
    const before = await timer.textContent();
    await expect.poll(() => timer.textContent(), { timeout: 5_000 }).not.toBe(before);
  });

  await test.step('release the seats and see them available again', async () => {
    await page.getByRole('button', { name: 'Release seats' }).click();
    await expect(page).toHaveURL(new RegExp(`${eventPath}\\?released=1$`));
    await expect(page.getByText('Your seats were released')).toBeVisible();
    await expect(seatBox(first, 'available')).toBeEnabled();
    await expect(seatBox(second, 'available')).toBeEnabled();
    await expect(seatBox(first, 'available')).not.toBeChecked();
  });
});
