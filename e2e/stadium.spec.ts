import AxeBuilder from '@axe-core/playwright';
import { mulberry32 } from '../db/seed/random';
import { flagWords } from '../components/seat-map/seat-flags-text';
import { formatMoney } from '../lib/money';
import { createEvent, createFans, testPassword } from '../lib/testing/factories';
import { generateSeatMap } from '../lib/venues/generate-seat-map';
import { expect, test } from './fixtures';

// The 40,000-seat stadium: a small page, the whole map drawn from the compact geometry, any seat
// pickable (here the venue's very last one), and the seat list on request for one section.

test('the stadium: a small page, every section on the map, the last seat picked and held, a section as a list', async ({
  page,
  sql,
  request,
}) => {
  test.setTimeout(120_000);
  const map = generateSeatMap('stadium', mulberry32(42));
  const event = await createEvent(sql, { seatMap: map });
  const eventPath = `/events/${event.eventId}`;

  const html = await (await request.get(eventPath)).text();
  expect(Buffer.byteLength(html)).toBeLessThanOrEqual(60 * 1024);

  const [fan] = await createFans(sql, 1);
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(eventPath)}`);
  await page.getByLabel('Email').fill(fan!.email);
  await page.getByLabel('Password').fill(testPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`${eventPath}$`));

  await test.step('the map draws every section', async () => {
    const canvas = page.getByRole('group', { name: /^Seat map/ });
    await expect(canvas.getByRole('button', { name: /seats available/ })).toHaveCount(map.sections.length);
  });

  await test.step('the last seat of the venue is picked on the map and held', async () => {
    const last = event.seats[event.seats.length - 1]!;
    const section = map.sections.find((s) => s.id === last.section)!;
    await page.getByRole('button', { name: new RegExp(`^${section.name}: `) }).click();
    // The last seat of a row is an aisle seat, and this one is round the side: its flags come before its state.
    const flags = last.flags.map((f) => `, ${flagWords[f]}`).join('');
    const label = `${section.name}, row ${last.row}, seat ${last.number}, ${formatMoney(last.price, 'USD')}${flags}`;
    await page.getByRole('checkbox', { name: `${label}, available`, exact: true }).click();
    await expect(page.getByRole('checkbox', { name: `${label}, available, selected`, exact: true })).toHaveAttribute(
      'aria-checked',
      'true',
    );
    await page.getByRole('button', { name: 'Hold 1 seat' }).click();
    await expect(page).toHaveURL(/\/reservations\/[0-9a-f-]{36}$/);
    const [ticket] = await sql`select status from tickets where id = ${last.id}`;
    expect(ticket!.status).toBe('reserved');
  });

  await test.step('?section= opens the list on that section, every seat a labelled checkbox', async () => {
    const section = map.sections[map.sections.length - 1]!;
    await page.goto(`${eventPath}?section=${encodeURIComponent(section.id)}`);
    const list = page.getByRole('region', { name: 'Or choose from a list' });
    await expect(list.getByRole('heading', { name: new RegExp(`^${section.name}`) })).toBeVisible();
    const seats = section.rows.reduce((n, r) => n + r.seats.length, 0);
    await expect(list.getByRole('checkbox')).toHaveCount(seats);
    await expect(list.getByRole('group', { name: `Row ${section.rows[0]!.label}` })).toBeVisible();
    // The seat held above shows as held in the list as well.
    await expect(list.getByRole('checkbox', { name: /, held$/ })).toHaveCount(1);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  });

  await test.step('"Show seats as a list" opens the first section with seats and takes the focus there', async () => {
    await page.goto(eventPath);
    await page.getByRole('button', { name: 'Show seats as a list' }).click();
    await expect(page).toHaveURL(new RegExp(`\\?section=${encodeURIComponent(map.sections[0]!.id)}$`));
    await expect(page.getByRole('heading', { level: 3, name: new RegExp(`^${map.sections[0]!.name}`) })).toBeFocused();
  });
});
