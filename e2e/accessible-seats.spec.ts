import AxeBuilder from '@axe-core/playwright';
import { formatMoney } from '../lib/money';
import { createEvent, createFans, type TestEvent } from '../lib/testing/factories';
import type { FlagPlan } from '../lib/venues/seat-flags';
import { expect, openSeatList, signIn, test } from './fixtures';

// Accessible seating on both profiles (desktop and phone): the marks and words on the map, the
// tooltip and the list, the filters, the companion rule and best available for a wheelchair user.

// Section 1's row A: W C W C . . C W C W; seats far round the side are restricted view.
const plan: FlagPlan = { accessibleRow: (s) => (s.id === 'S1' ? 'first' : null), restrictedBeyond: 65 };
type Seat = TestEvent['seats'][number];
const words: Record<string, string> = {
  wheelchair: 'wheelchair space',
  companion: 'companion seat, sold with a wheelchair space',
  aisle: 'aisle seat',
  restricted: 'restricted view',
};
const mapLabel = (s: Seat, state: string) =>
  `Section ${s.section.slice(1)}, row ${s.row}, seat ${s.number}, ${formatMoney(s.price, 'USD')}, ${s.flags.map((f) => `${words[f]}, `).join('')}${state}`;
const listLabel = (s: Seat, state: string) =>
  `Row ${s.row}, seat ${s.number}, ${formatMoney(s.price, 'USD')}, ${s.flags.map((f) => `${words[f]}, `).join('')}${state}`;
const find = (e: TestEvent, section: string, row: string, n: number) =>
  e.seats.find((s) => s.section === section && s.row === row && s.number === n)!;

test('seat flags show on the map, in the tooltip and the list, and the filters narrow both', async ({ page, sql }) => {
  const e = await createEvent(sql, { name: `Access Night ${Date.now()}`, flagPlan: plan });
  const wheelchair = find(e, 'S1', 'A', 1);
  const companion = find(e, 'S1', 'A', 2);
  const ordinary = find(e, 'S1', 'B', 5);
  const restricted = e.seats.find(
    (s) => s.flags.includes('restricted') && !s.flags.includes('companion') && !s.flags.includes('wheelchair'),
  )!;
  expect(restricted).toBeDefined();
  await page.goto(`/events/${e.eventId}`);

  // Words for screen readers on every flagged seat, symbols in the legend.
  const seat = (s: Seat, state: string) => page.getByRole('checkbox', { name: mapLabel(s, state), exact: true });
  await expect(seat(wheelchair, 'available')).toHaveCount(1);
  await expect(seat(companion, 'available')).toHaveCount(1);
  await expect(seat(restricted, 'available')).toHaveCount(1);
  for (const text of [
    'Wheelchair space (wheelchair symbol)',
    'Companion seat, sold with a wheelchair space (inner ring)',
    'Aisle seat (upright bar)',
    'Restricted view (slash)',
  ]) {
    await expect(page.getByText(text, { exact: true })).toBeVisible();
  }

  // The tooltip says it too: hover on a desktop, a tap on a phone.
  const tooltip = page.getByRole('tooltip');
  if (test.info().project.use.hasTouch) await seat(companion, 'available').tap();
  else await seat(companion, 'available').hover();
  await expect(tooltip).toContainText('Companion seat');
  await expect(tooltip).toContainText(`Row A · Seat 2`);

  // "Wheelchair spaces": only wheelchair spaces and companion seats stay pickable.
  await page.getByRole('checkbox', { name: 'Wheelchair spaces', exact: true }).check();
  await expect(seat(ordinary, 'available, outside your filters')).toHaveCount(1);
  await expect(seat(wheelchair, 'available')).toHaveCount(1);
  // The list shows the same seats only, with their flags in words.
  await openSeatList(page);
  const list = page.getByRole('region', { name: 'Or choose from a list' });
  await expect(list.getByText(/Showing only the seats that match your filters/)).toBeVisible();
  await expect(list.getByRole('checkbox', { name: listLabel(wheelchair, 'available'), exact: true })).toBeVisible();
  await expect(list.getByRole('checkbox', { name: listLabel(companion, 'available'), exact: true })).toBeVisible();
  await expect(list.getByRole('checkbox', { name: listLabel(ordinary, 'available'), exact: true })).toHaveCount(0);
  await expect(list.getByText('Wheelchair space', { exact: true }).first()).toBeVisible();

  // The filters outlive a reload (this tab's session), like the selection.
  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Wheelchair spaces', exact: true })).toBeChecked();
  await page.getByRole('checkbox', { name: 'Wheelchair spaces', exact: true }).uncheck();
  await expect(seat(ordinary, 'available')).toHaveCount(1);
  await page.getByRole('checkbox', { name: 'Hide restricted view', exact: true }).check();
  await expect(seat(restricted, 'available, outside your filters')).toHaveCount(1);
  await expect(seat(ordinary, 'available')).toHaveCount(1);
  await expect(list.getByRole('checkbox', { name: listLabel(restricted, 'available'), exact: true })).toHaveCount(0);

  // The marks, the filters and the list with flags pass axe's WCAG 2.2 AA rules.
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
});

test('a companion seat alone is refused; best available holds a wheelchair space with its companion', async ({ page, sql }) => {
  const e = await createEvent(sql, { name: `Access Hold ${Date.now()}`, flagPlan: plan });
  const [fan] = await createFans(sql, 1);
  const companion = find(e, 'S1', 'A', 2);
  await signIn(page, fan!, `/events/${e.eventId}`);

  // From the list (the same action as the map): the companion seat alone.
  await openSeatList(page);
  const list = page.getByRole('region', { name: 'Or choose from a list' });
  await list.getByRole('checkbox', { name: listLabel(companion, 'available'), exact: true }).check();
  await list.getByRole('button', { name: 'Hold selected seats' }).click();
  await expect(list.getByRole('alert')).toContainText('A companion seat needs a wheelchair space');
  await expect(list.getByRole('alert')).toContainText('sold only together with a wheelchair space');
  const [none] = await sql`select count(*)::int as n from reservations where user_id = ${fan!.id}`;
  expect(none!.n).toBe(0);
  await list.getByRole('checkbox', { name: listLabel(companion, 'available'), exact: true }).uncheck();

  // Best available: 2 seats, 1 of them a wheelchair space.
  await page.getByLabel('Seats', { exact: true }).selectOption('2');
  await page.getByLabel('Wheelchair spaces among them').selectOption('1');
  await page.getByRole('button', { name: 'Find best seats' }).click();
  await expect(page).toHaveURL(/\/reservations\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: '2 seats' })).toBeVisible();
  const held = await sql<{ flags: string[] }[]>`
    select t.seat_flags as flags from tickets t join reservations r on r.id = t.hold_id where r.user_id = ${fan!.id}`;
  expect(held.flatMap((h) => h.flags.filter((f) => f === 'wheelchair' || f === 'companion')).sort()).toEqual(['companion', 'wheelchair']);
});
