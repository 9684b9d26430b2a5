// `npm run report:on-sale <eventId>`: the operator's on-sale report (the same as
// GET /api/events/{id}/on-sale-report) as JSON on stdout, read from DATABASE_URL and the kv store
// the environment selects. Runs under `tsx --conditions=react-server` for the `server-only` guard.
import { db } from '@/db';
import { getKv } from '@/lib/kv';
import { onSaleReport } from '@/lib/waiting-room/on-sale-report';

const eventId = process.argv[2];
if (!eventId) {
  console.error('usage: npm run report:on-sale <eventId>');
  process.exit(2);
}
const kv = getKv();
if (kv.driver === 'memory') {
  // The queue lives in the site's own process then; this one starts with an empty store.
  console.error(
    'report:on-sale: no REDIS_URL or UPSTASH_REDIS_REST_URL, so the queue figures below are empty; ask the site instead: GET /api/events/{id}/on-sale-report',
  );
}
onSaleReport(db, kv, eventId)
  .then((report) => {
    console.log(JSON.stringify(report, null, 2));
    process.exit(0);
  })
  .catch((error: Error) => {
    console.error(`report:on-sale: ${error.message}`);
    process.exit(1);
  });
