import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSql } from '@/lib/testing/db';
import { createEvent, createFans, type TestEvent, type TestFan } from '@/lib/testing/factories';
import { fuzzProbes } from '@/lib/testing/fuzz-probes';
import { sessionCookie } from '@/lib/testing/http';

// Issue 10: a fuzz pass of bad input over every endpoint, page and action. Every answer must be
// a clear 4xx (or a redirect), never a 5xx, and the database must be exactly as it was.

const sql = testSql();
let event: TestEvent;
let fan: TestFan;
let cookie: string;

beforeAll(async () => {
  event = await createEvent(sql, { sections: 1, rows: 2, seatsPerRow: 10 });
  [fan] = (await createFans(sql, 1)) as [TestFan];
  cookie = await sessionCookie(fan);
});

afterAll(async () => {
  await sql.end();
});

/** Everything a request could change, as one comparable value. */
async function fingerprint(): Promise<string> {
  const [row] = await sql`
    select (select count(*) from users) as users,
           (select count(*) from reservations) as reservations,
           (select count(*) from reservation_tickets) as held,
           (select count(*) from bookings) as bookings,
           (select count(*) from sold_tickets) as sold,
           (select count(*) from stripe_events) as stripe_events,
           (select count(*) from events) as events,
           (select coalesce(sum(seat_version), 0) from events) as versions,
           (select string_agg(status::text || coalesce(hold_id::text, ''), ',' order by seat_index) from tickets where event_id = ${event.eventId}) as seats`;
  return JSON.stringify(row);
}

describe('fuzz: bad input everywhere', () => {
  it('at least 500 bad requests: no 5xx and no change in the database', async () => {
    const list = fuzzProbes(event, cookie);
    expect(list.length).toBeGreaterThanOrEqual(500);
    const before = await fingerprint();
    const failures: string[] = [];
    // A few at a time, as a client would send them; limits may answer 429, which is fine.
    for (let i = 0; i < list.length; i += 8) {
      await Promise.all(
        list.slice(i, i + 8).map(async (probe) => {
          try {
            const response = await probe.send();
            if ('body' in response && response.body && typeof (response as Response).arrayBuffer === 'function')
              await (response as Response).arrayBuffer();
            if (response.status >= 500) failures.push(`${probe.name}: ${response.status}`);
          } catch (error) {
            failures.push(`${probe.name}: ${(error as Error).message}`);
          }
        }),
      );
    }
    expect(failures).toEqual([]);
    expect(await fingerprint()).toBe(before);
    console.info(`fuzz: ${list.length} bad requests, 0 answered 5xx, database unchanged`);
  }, 300_000);
});
