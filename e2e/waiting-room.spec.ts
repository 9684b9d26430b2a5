import { encode } from 'next-auth/jwt';
import { formatMoney } from '../lib/money';
import { createFans, testPassword, type TestFan } from '../lib/testing/factories';
import { testNextAuthSecret } from '../lib/testing/server-env';
import { expect, openSeatList, test } from './fixtures';

// A queued on-sale in real Chromium: two fans are already in line, so the fan in the browser
// sees a place and an estimate, watches it count down, is let in, and holds a seat.

test('a fan waits in the queue, is admitted, and holds a seat', async ({ page, testEvent, sql, request }) => {
  const eventPath = `/events/${testEvent.eventId}`;
  const queuePath = `/queue/${testEvent.eventId}`;
  // 12 fans a minute: one every 5 s, so the wait is short but visible.
  await sql`update events set queue_mode = 'on', queue_outflow_per_minute = 12 where id = ${testEvent.eventId}`;
  const [ahead1, ahead2, fan] = (await createFans(sql, 3)) as [TestFan, TestFan, TestFan];

  await test.step('signs in', async () => {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(fan.email);
    await page.getByLabel('Password').fill(testPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('navigation', { name: 'Account' })).toContainText(fan.name);
  });

  await test.step('the event page sends the fan to the back of the queue', async () => {
    // Each module instance (the proxy's, each route's) re-reads the queued events on its own
    // timer (QUEUE_REFRESH_MS): wait until the proxy has seen it, then one more interval.
    await expect.poll(async () => (await request.get(eventPath, { maxRedirects: 0 })).status(), { timeout: 10_000 }).toBe(307);
    await page.waitForTimeout(1_000);
    for (const other of [ahead1, ahead2]) {
      const token = await encode({
        token: { sub: other.id, uid: other.id, email: other.email, name: other.name },
        secret: testNextAuthSecret,
      });
      const joined = await request.get(`/api/queue/${testEvent.eventId}`, { headers: { cookie: `next-auth.session-token=${token}` } });
      expect(((await joined.json()) as { status: { state: string } }).status.state).toMatch(/admitted|waiting/);
    }
    await page.goto(eventPath);
    await expect(page).toHaveURL(new RegExp(`${queuePath}$`));
  });

  await test.step('sees a place in the queue and an estimated wait', async () => {
    const panel = page.getByTestId('queue-position');
    await expect(panel).toBeVisible();
    await expect(panel).toContainText(/fans? (is|are) ahead of you|You are next/);
    await expect(panel).toContainText('Estimated wait');
    await expect(page.getByRole('progressbar', { name: 'Progress through the queue' })).toBeVisible();
    // Honest about what is left, how long the line is, and which show it is for.
    await expect(page.getByTestId('queue-supply')).toHaveText('About 40 tickets left.');
    await expect(page.getByTestId('queue-waits')).toContainText(/Of the fans waiting now, (a quarter|half) get in within/);
    await expect(page.getByTestId('queue-event-facts')).toContainText(/Test Hall .+, Testville/);
  });

  await test.step('is admitted and lands on the seat map', async () => {
    await expect(page).toHaveURL(new RegExp(`${eventPath}$`), { timeout: 30_000 });
    await expect(page.getByRole('heading', { level: 1, name: testEvent.name })).toBeVisible();
  });

  await test.step('holds a seat', async () => {
    const seat = testEvent.seats[0]!;
    await openSeatList(page);
    await page
      .getByRole('checkbox', { name: `Row ${seat.row}, seat ${seat.number}, ${formatMoney(seat.price, 'USD')}, available`, exact: true })
      .check();
    await page.getByRole('button', { name: 'Hold selected seats' }).click();
    await expect(page).toHaveURL(/\/reservations\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Your seats are on hold' })).toBeVisible();
  });
});

test('a fan in the queue is told when the event sells out', async ({ page, testEvent, sql }) => {
  const queuePath = `/queue/${testEvent.eventId}`;
  // One fan a minute and someone ahead: the fan in the browser waits.
  await sql`update events set queue_mode = 'on', queue_outflow_per_minute = 1 where id = ${testEvent.eventId}`;
  const [ahead, fan] = (await createFans(sql, 2)) as [TestFan, TestFan];
  const cookieOf = async (f: TestFan) =>
    `next-auth.session-token=${await encode({ token: { sub: f.id, uid: f.id, email: f.email, name: f.name }, secret: testNextAuthSecret })}`;
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(fan.email);
  await page.getByLabel('Password').fill(testPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Account' })).toContainText(fan.name);
  await expect
    .poll(async () => (await page.request.get(`/api/queue/${testEvent.eventId}`, { headers: { cookie: await cookieOf(ahead) } })).json(), {
      timeout: 10_000,
    })
    .toMatchObject({ status: { state: 'admitted' } });

  await page.goto(queuePath);
  await expect(page.getByTestId('queue-position')).toBeVisible();
  await expect(page.getByTestId('queue-supply')).toHaveText('About 40 tickets left.');

  // Every seat is sold (as fulfilment leaves them); the page learns it at its next poll.
  await sql.begin(async (tx) => {
    const [hold] = await tx`
      insert into reservations (id, user_id, event_id, status, expires_at, ended_at)
      values (gen_random_uuid(), ${ahead.id}, ${testEvent.eventId}, 'converted', now(), now()) returning id`;
    const [booking] = await tx`
      insert into bookings (reservation_id, user_id, event_id, status, total_minor, currency, confirmed_at)
      values (${hold!.id}, ${ahead.id}, ${testEvent.eventId}, 'confirmed', 0, 'USD', now()) returning id`;
    await tx`update tickets set status = 'sold', booking_id = ${booking!.id} where event_id = ${testEvent.eventId}`;
    await tx`insert into sold_tickets (ticket_id, booking_id) select id, ${booking!.id} from tickets where event_id = ${testEvent.eventId}`;
  });
  const soldOut = page.getByRole('alert').filter({ hasText: 'Sold out' });
  await expect(soldOut).toBeVisible({ timeout: 15_000 });
  await expect(soldOut).toContainText('Nobody else will be let in');
  await expect(page.getByTestId('queue-position')).toHaveCount(0);
});
