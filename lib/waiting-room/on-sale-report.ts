import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import type { Kv } from '@/lib/kv/types';
import { queueKeys } from './keys';
import { readRefusals } from './refusals';
import { percentile, spearman } from './report-stats';
import { getQueueSettings } from './settings';

export type OnSaleReport = {
  eventId: string;
  onSaleAt: string;
  outflowPerMinute: number;
  generatedAt: string;
  queue: {
    /** Fans who ever joined the queue (one per account). */
    queued: number;
    /** Of those, fans who joined before the on-sale (shuffled into a random order). */
    earlyArrivals: number;
    /** Fans let in (seen admitted at least once; a fan who let the window pass and rejoined counts if let in again). */
    admitted: number;
    /** From joining (or the on-sale, for early fans) to being let in, over the admitted fans. */
    medianWaitSeconds: number | null;
    p95WaitSeconds: number | null;
  };
  fairness: {
    /**
     * Spearman's ρ between the order early fans arrived in and their place in the queue (the
     * order they are let in). A fair shuffle gives about 0; 1 would mean arriving early paid.
     */
    earlyArrivalSpearman: number | null;
    /**
     * (admitted − expected) / expected at the last admission, where expected is the outflow
     * rate times the minutes since the on-sale, capped by the fans who had joined by then.
     * 0 is a queue that let in exactly its rate; negative, fewer (fans slow to come back).
     */
    outflowError: number | null;
    expectedAdmitted: number | null;
  };
  sales: {
    tickets: number;
    sold: number;
    /** Seconds from the on-sale to the last ticket sold; null while any is unsold. */
    timeToSellOutSeconds: number | null;
    /** Holds started and tickets sold per minute since the on-sale (minute 0 is the first). */
    perMinute: { minute: number; holds: number; ticketsSold: number }[];
  };
  /** Hold requests the door turned away: over a rate limit, or without an admission. */
  refused: { rateLimited: number; withoutAdmission: number };
};

const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 100) / 10);

/** The operator's account of one on-sale, from the queue's ledger, Postgres and the door's counts. */
export async function onSaleReport(db: DbOrTx, kv: Kv, eventId: string, now = Date.now()): Promise<OnSaleReport> {
  if (!isUuid(eventId)) throw new AppError('not_found', 'No such event.');
  const settings = await getQueueSettings(db, eventId);
  if (!settings) throw new AppError('not_found', 'No such event.');
  const id = settings.eventId;
  const onSale = new Date(settings.onSaleAt);
  const [ledger, refusals, [totals], perMinute] = await Promise.all([
    kv.queueLedger(queueKeys(id)),
    readRefusals(kv, id),
    db.execute<{ tickets: number; sold: number; lastSale: string | null }>(sql`
      select count(*)::int as tickets, count(*) filter (where t.status = 'sold')::int as sold,
             (select max(s.sold_at) from sold_tickets s join tickets st on st.id = s.ticket_id where st.event_id = ${id}) as "lastSale"
      from tickets t where t.event_id = ${id}`),
    db.execute<{ minute: number; holds: number; ticketsSold: number }>(sql`
      with holds as (
        select floor(extract(epoch from created_at - ${onSale.toISOString()}::timestamptz) / 60)::int as minute, count(*)::int as n
        from reservations where event_id = ${id} group by 1
      ), sales as (
        select floor(extract(epoch from s.sold_at - ${onSale.toISOString()}::timestamptz) / 60)::int as minute, count(*)::int as n
        from sold_tickets s join tickets t on t.id = s.ticket_id where t.event_id = ${id} group by 1
      )
      select coalesce(h.minute, s.minute) as minute, coalesce(h.n, 0) as holds, coalesce(s.n, 0) as "ticketsSold"
      from holds h full join sales s on s.minute = h.minute order by 1`),
  ]);

  const admittedFans = ledger.filter((f) => f.admittedAt !== null);
  const waits = admittedFans.map((f) => f.admittedAt! - Math.max(f.joinedAt ?? settings.onSaleAt, settings.onSaleAt));
  // Place in the queue is the ledger's order; the order early fans came in is their join time.
  const early = ledger.map((f, place) => ({ ...f, place })).filter((f) => f.joinedAt !== null && f.joinedAt < settings.onSaleAt);
  const earlyArrivalSpearman = spearman(
    early.map((f) => f.joinedAt!),
    early.map((f) => f.place),
  );

  const lastAdmission = admittedFans.reduce<number | null>((max, f) => Math.max(max ?? 0, f.admittedAt!), null);
  let expectedAdmitted: number | null = null;
  let outflowError: number | null = null;
  if (lastAdmission !== null) {
    const joinedBy = ledger.filter((f) => (f.joinedAt ?? Infinity) <= lastAdmission).length;
    expectedAdmitted = Math.min(joinedBy, Math.floor(((lastAdmission - settings.onSaleAt) / 60_000) * settings.outflowPerMinute));
    outflowError = expectedAdmitted > 0 ? (admittedFans.length - expectedAdmitted) / expectedAdmitted : null;
  }

  const tickets = totals?.tickets ?? 0;
  const sold = totals?.sold ?? 0;
  const soldOutAt = tickets > 0 && sold === tickets && totals?.lastSale ? new Date(totals.lastSale).getTime() : null;

  return {
    eventId: id,
    onSaleAt: onSale.toISOString(),
    outflowPerMinute: settings.outflowPerMinute,
    generatedAt: new Date(now).toISOString(),
    queue: {
      queued: ledger.length,
      earlyArrivals: early.length,
      admitted: admittedFans.length,
      medianWaitSeconds: seconds(percentile(waits, 50)),
      p95WaitSeconds: seconds(percentile(waits, 95)),
    },
    fairness: { earlyArrivalSpearman, outflowError, expectedAdmitted },
    sales: {
      tickets,
      sold,
      timeToSellOutSeconds: soldOutAt === null ? null : seconds(soldOutAt - settings.onSaleAt),
      perMinute,
    },
    refused: { rateLimited: refusals.rate_limited, withoutAdmission: refusals.queue_required },
  };
}
