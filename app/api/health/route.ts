import { sql } from 'drizzle-orm';
import { db } from '@/db';
import { route } from '@/lib/http/route';
import { getKv } from '@/lib/kv';

export const dynamic = 'force-dynamic';

// Postgres must answer; kv may be down (it is an accelerator), which the body reports.
export const GET = route(async () => {
  await db.execute(sql`select 1`);
  const kv = getKv();
  const kvOk = await kv.get('health').then(
    () => true,
    () => false,
  );
  return Response.json({ ok: true, database: 'up', kv: { driver: kv.driver, up: kvOk } });
});
