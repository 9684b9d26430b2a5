import type { Browser, Page } from '@playwright/test';
import { formatMoney } from '../lib/money';
import { createEvent, createFans, testPassword, type TestFan } from '../lib/testing/factories';
import { expect, test } from './fixtures';

// The waitlist in real Chromium: a fan joins on a sold-out event, another fan gives their seats
// back, and the first is offered them at once: a live banner, an email in the dev mailbox, and
// the hold page with the way to pay.

async function signedIn(browser: Browser, fan: TestFan, callbackUrl: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel('Email').fill(fan.email);
  await page.getByLabel('Password').fill(testPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`${callbackUrl}$`));
  return page;
}

test('a fan on the waitlist of a sold-out event is offered the seats another fan releases', async ({ browser, sql }) => {
  const name = `Waitlist Night ${Date.now().toString(36)}`;
  const event = await createEvent(sql, { name, sections: 1, rows: 1, seatsPerRow: 2 });
  const [waiting, holder] = await createFans(sql, 2);
  if (!waiting || !holder) throw new Error('no fans');
  const eventPath = `/events/${event.eventId}`;
  const total = formatMoney(event.seats[0]!.price + event.seats[1]!.price, 'USD');

  const holderPage = await signedIn(browser, holder, eventPath);
  const held = await holderPage.request.post('/api/reservations', { data: { eventId: event.eventId, ticketIds: event.ticketIds } });
  expect(held.status()).toBe(201);
  const { reservationId } = (await held.json()) as { reservationId: string };

  const page = await signedIn(browser, waiting, eventPath);
  await test.step('the first fan joins the waitlist of the sold-out event', async () => {
    const panel = page.getByTestId('waitlist-panel');
    await panel.getByLabel('Seats to wait for').selectOption('2');
    await panel.getByLabel('Most I will pay per seat').selectOption({ label: formatMoney(event.seats[0]!.price, 'USD') });
    await panel.getByRole('button', { name: 'Join the waitlist' }).click();
    await expect(panel.getByRole('status')).toContainText('You are on the waitlist for 2 seats');
    await expect(panel.getByRole('button', { name: 'Leave the waitlist' })).toBeVisible();
  });

  await test.step('the other fan releases their seats', async () => {
    await holderPage.goto(`/reservations/${reservationId}`);
    await holderPage.getByRole('button', { name: 'Release seats' }).click();
    await expect(holderPage).toHaveURL(new RegExp(`${eventPath}`));
  });

  await test.step('the first fan sees the offer at once, wherever they are on the site', async () => {
    // Within 8 s: sooner than the banner's 15 s poll, so this is the push on the fan's private channel.
    const banner = page.getByTestId('waitlist-offer-banner');
    await expect(banner).toContainText(`Seats are held for you: ${name}`, { timeout: 8_000 });
    await expect(page.getByTestId('waitlist-panel')).toContainText('Your turn came');
    await expect(banner).toContainText('2 seats came free');
  });

  await test.step('the email is in the dev mailbox; its link leads to the hold, and on to the hosted checkout', async () => {
    await page.goto(`/dev/mail?to=${encodeURIComponent(waiting.email)}`);
    const mail = page.getByRole('article', { name: `Seats for ${name} are held for you` });
    await expect(mail).toContainText(`Total ${total}`);
    await mail.getByRole('link', { name: /\/reservations\// }).click();
    await expect(page).toHaveURL(/\/reservations\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Your seats are on hold' })).toBeVisible();
    await page.getByRole('button', { name: `Pay ${total}` }).click();
    await expect(page).toHaveURL(/\/checkout\/cs_test_\w+$/);
    await expect(page.getByRole('heading', { name: `Pay ${total}` })).toBeVisible();
  });

  await test.step('on this production build the mailbox shows a fan only their own mail', async () => {
    await holderPage.goto(`/dev/mail?to=${encodeURIComponent(waiting.email)}`);
    await expect(holderPage.getByRole('heading', { level: 1, name: 'Dev mailbox' })).toBeVisible();
    await expect(holderPage.getByRole('article', { name: `Seats for ${name} are held for you` })).toHaveCount(0);
    const stranger = await (await browser.newContext()).newPage();
    await stranger.goto(`/dev/mail?to=${encodeURIComponent(waiting.email)}`);
    await expect(stranger.getByText('Sign in to read the mail this site sent you.')).toBeVisible();
    await expect(stranger.getByRole('article')).toHaveCount(0);
  });
});
