import { db } from '@/db';
import { requireOperator } from '@/lib/auth/require-operator';
import { route } from '@/lib/http/route';
import { getKv } from '@/lib/kv';
import { onSaleReport } from '@/lib/waiting-room/on-sale-report';

type Context = { params: Promise<{ eventId: string }> };

// The operator's account of an on-sale (see lib/waiting-room/on-sale-report.ts): 401 signed out,
// 403 for a fan, 404 for no such event.
export const GET = route<Context>(async (_request, { params }) => {
  await requireOperator(db);
  const report = await onSaleReport(db, getKv(), (await params).eventId);
  return Response.json({ report }, { headers: { 'Cache-Control': 'private, no-store' } });
});
