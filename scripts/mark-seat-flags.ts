// `npm run venues:mark-seat-flags`: gives a database seeded before seat flags (migration 0013)
// its wheelchair spaces, companion seats, aisle and restricted-view seats: each venue's map is
// marked as the generated venues now are, and the flags are copied onto its events' tickets
// (lib/catalogue/mark-seat-flags.ts). Safe to run again. Uses the site's DATABASE_URL and kv
// settings; without them, those of `npm run dev`. Runs under `tsx --conditions=react-server`.
import { defaultToDevStores } from './redis-probe';

async function main(): Promise<number> {
  // Before lib/env is first imported: it reads the environment once.
  await defaultToDevStores();
  const { db } = await import('@/db');
  const { getKv } = await import('@/lib/kv');
  const { markVenueSeatFlags } = await import('@/lib/catalogue/mark-seat-flags');
  const done = await markVenueSeatFlags(db, getKv());
  console.log(`seat flags: ${done.venues} venue${done.venues === 1 ? '' : 's'} marked, ${done.tickets} tickets updated`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`venues:mark-seat-flags: ${error.message}`);
    process.exit(1);
  },
);
