import { expect, test } from './fixtures';
import postgres from 'postgres';
import { randomBytes } from 'node:crypto';
import { testDatabaseUrl } from '@/lib/testing/test-env';

// A fan misspells an artist in the header box, finds the show and opens it. The artist's name is
// invented per run (and spelled with an accent) so no other data can answer the search.
test('a misspelled artist typed in the header finds the event', async ({ page }) => {
  const sql = postgres(testDatabaseUrl, { max: 1, onnotice: () => {} });
  const tag = Array.from(randomBytes(10), (b) => String.fromCharCode(97 + (b % 26))).join('');
  const artist = `Zéphyrine ${tag[0]!.toUpperCase()}${tag.slice(1)}`;
  try {
    const [performer] = await sql`insert into performers (name, genre, home_city) values (${artist}, 'pop', 'Lyon') returning id`;
    const [venue] = await sql`
      insert into venues (name, kind, address, city, capacity, seat_map)
      values ('Search Hall', 'theatre', '1 Main Street', 'Lyon', 0, ${sql.json({ width: 100, height: 100, stage: { label: 'Stage', outline: [] }, focal: { x: 0, y: 0 }, tiers: [], sections: [] } as never)})
      returning id`;
    const [event] = await sql`
      insert into events (name, description, date, performer_id, venue_id, city, category, on_sale_at)
      values (${`${artist}: Night Tour`}, 'A search test.', now() + interval '3 days', ${performer!.id}, ${venue!.id}, 'Lyon', 'concert', now() - interval '1 day')
      returning id`;

    await page.goto('/');
    const box = page.getByRole('searchbox', { name: 'Search events' });
    // No accent, and a letter missing from the invented surname.
    const typo = `${tag.slice(0, 7)}${tag.slice(8)}`;
    await box.fill(`zephyrine ${typo}`);
    await box.press('Enter');

    await expect(page).toHaveURL(/\/search\?.*keyword=/);
    const result = page.getByRole('heading', { name: `${artist}: Night Tour` }).getByRole('link');
    await expect(result).toBeVisible();
    await expect(page.locator('mark').first()).toBeVisible();
    // The card's on-sale state, read as the home page's cards read it: no seat left to hold.
    await expect(page.getByRole('article').filter({ has: result }).getByText('Sold out')).toBeVisible();
    await result.click();
    await expect(page).toHaveURL(new RegExp(`/events/${event!.id}`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText(artist);
  } finally {
    await sql.end();
  }
});
