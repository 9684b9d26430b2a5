import type postgres from 'postgres';

// Checks the booking invariants for one event straight from the database.
export async function holdInvariantViolations(sql: postgres.Sql, eventId: string): Promise<string[]> {
  const problems: string[] = [];
  const doubled = await sql`
    select rt.ticket_id, count(*)::int as n
    from reservation_tickets rt join reservations r on r.id = rt.reservation_id
    where r.event_id = ${eventId} and r.status = 'active' and r.expires_at > now()
    group by rt.ticket_id having count(*) > 1`;
  for (const d of doubled) problems.push(`ticket ${d.ticket_id} is in ${d.n} active holds`);

  const mismatched = await sql`
    select rt.ticket_id, rt.reservation_id, t.hold_id, t.status
    from reservation_tickets rt
    join reservations r on r.id = rt.reservation_id
    join tickets t on t.id = rt.ticket_id
    where r.event_id = ${eventId} and r.status = 'active' and r.expires_at > now()
      and (t.hold_id is distinct from rt.reservation_id or t.status <> 'reserved')`;
  for (const m of mismatched) {
    problems.push(`active hold ${m.reservation_id} lists ticket ${m.ticket_id}, which is ${m.status} under ${m.hold_id}`);
  }

  const orphans = await sql`
    select t.id from tickets t
    where t.event_id = ${eventId} and t.status = 'reserved' and t.hold_expires_at > now()
      and not exists (select 1 from reservations r where r.id = t.hold_id and r.status = 'active')`;
  for (const o of orphans) problems.push(`ticket ${o.id} is reserved without an active reservation`);

  // A companion seat is held or sold only together with a wheelchair space (hold_seats()).
  const alone = await sql`
    select rt.reservation_id from reservation_tickets rt
    join reservations r on r.id = rt.reservation_id
    join tickets t on t.id = rt.ticket_id
    where r.event_id = ${eventId} and r.status in ('active', 'converted')
    group by rt.reservation_id
    having bool_or('companion' = any(t.seat_flags)) and not bool_or('wheelchair' = any(t.seat_flags))`;
  for (const a of alone) problems.push(`hold ${a.reservation_id} has a companion seat without a wheelchair space`);
  return problems;
}
