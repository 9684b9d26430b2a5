import { createFans, testPassword, type TestFan } from '../lib/testing/factories';
import { expect, test } from './fixtures';

// "Need more time?" on the hold page in real Chromium. Waiting out a ten-minute hold is not a
// test: the hold's end is moved in the database (the hold and its seats together, as the server
// writes them), and the page is loaded again.

test('a fan warned before the hold lapses adds time, up to the cap, and sees why not after that', async ({ page, sql, testEvent }) => {
  const [fan] = (await createFans(sql, 1)) as [TestFan];
  const endsIn = async (reservationId: string, seconds: number) => {
    await sql`update reservations set expires_at = now() + make_interval(secs => ${seconds}) where id = ${reservationId}`;
    await sql`update tickets set hold_expires_at = now() + make_interval(secs => ${seconds}) where hold_id = ${reservationId}`;
  };
  const extensionsOf = async (reservationId: string) =>
    (await sql`select extensions from reservations where id = ${reservationId}`)[0]!.extensions as number;

  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(fan.email);
  await page.getByLabel('Password').fill(testPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Account' })).toContainText(fan.name);
  // The hold through the API, with the browser's session (the seat map has journeys of its own).
  const held = await page.request.post('/api/reservations', {
    data: { eventId: testEvent.eventId, ticketIds: testEvent.ticketIds.slice(0, 2) },
  });
  expect(held.status()).toBe(201);
  const { reservationId } = (await held.json()) as { reservationId: string };
  const holdPath = `/reservations/${reservationId}`;
  const moreTime = page.getByTestId('more-time');

  await test.step('no warning while there is plenty of time', async () => {
    await page.goto(holdPath);
    await expect(page.getByRole('timer')).toBeVisible();
    await expect(moreTime).toBeEmpty();
    await expect(moreTime).toHaveAttribute('aria-live', 'polite');
  });

  await test.step('two minutes before the end: a warning with a button that adds ten minutes', async () => {
    await endsIn(reservationId, 100);
    await page.goto(holdPath);
    await expect(moreTime).toContainText('Need more time? Your hold ends in under two minutes');
    await expect(moreTime).toContainText('up to 3 more times');
    await moreTime.getByRole('button', { name: 'Add 10 minutes' }).click();
    await expect(moreTime).toContainText('Time added: your seats are held until');
    await expect(moreTime).toContainText('You can add time 2 more times.');
    // The countdown now shows the new end: 1:40 plus 10:00, less the seconds that passed.
    await expect(page.getByRole('timer')).toHaveText(/^11:[2-3]\d$/);
    expect(await extensionsOf(reservationId)).toBe(1);
  });

  await test.step('twenty seconds before the end: warned again', async () => {
    await endsIn(reservationId, 15);
    await page.goto(holdPath);
    await expect(moreTime).toContainText(/Only 1\d seconds left on your hold/);
    await expect(moreTime.getByRole('button', { name: 'Add 10 minutes' })).toBeVisible();
  });

  await test.step('past the cap the server says no, and the page says why', async () => {
    await endsIn(reservationId, 90);
    await page.goto(holdPath);
    await expect(moreTime).toContainText('up to 2 more times');
    // Another tab used the rest meanwhile.
    await sql`update reservations set extensions = 3 where id = ${reservationId}`;
    await moreTime.getByRole('button', { name: 'Add 10 minutes' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'We could not add time' });
    await expect(refusal).toContainText('You have already added time 3 times, the most we allow');
    expect(await extensionsOf(reservationId)).toBe(3);
    // Loaded afresh, the page offers no button at all.
    await page.goto(holdPath);
    await expect(moreTime).toContainText('You have already added as much time as we allow');
    await expect(moreTime.getByRole('button')).toHaveCount(0);
  });
});
