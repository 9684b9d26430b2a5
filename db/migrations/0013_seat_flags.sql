-- Seat flags (issue 16, item 3): each ticket carries its seat's flags from the venue's map
-- (wheelchair, companion, aisle, restricted), and hold_seats() refuses a companion seat unless a
-- wheelchair space is in the same hold (outcome 'companion_alone', ids = the companion seats).
-- Everything else about hold_seats() is as in 0011: same arguments, same return shape.
--
-- Existing tickets start with no flags; `npm run venues:mark-seat-flags` marks the generated
-- venues' maps and copies the flags onto their tickets (see the README, Accessible seating).
ALTER TABLE "tickets" ADD COLUMN "seat_flags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_seat_flags_known" CHECK ("tickets"."seat_flags" <@ array['wheelchair', 'companion', 'aisle', 'restricted']::text[]);--> statement-breakpoint
CREATE OR REPLACE FUNCTION hold_seats(p_reservation uuid, p_user uuid, p_event uuid, p_tickets uuid[], p_hold_seconds double precision, p_limit integer)
RETURNS TABLE (outcome text, expires_at timestamptz, version bigint, seats integer[], ids uuid[], held integer, lock_ms double precision)
LANGUAGE plpgsql AS $$
DECLARE
  ev record;
  bad uuid[];
  got_ids uuid[];
  got_events uuid[];
  got_taken boolean[];
  got_seats integer[];
  got_companion boolean[];
  with_wheelchair boolean;
  n integer;
  claimed integer;
  waited double precision := 0;
  t0 timestamptz;
  r_expires timestamptz;
  r_version bigint;
BEGIN
  SELECT e.on_sale_at <= now() AS on_sale, e.date > now() AS upcoming INTO ev FROM events e WHERE e.id = p_event;
  IF NOT FOUND THEN RETURN QUERY SELECT 'no_event', null::timestamptz, null::bigint, null::int[], null::uuid[], null::int, 0::float8; RETURN; END IF;
  IF NOT ev.upcoming THEN RETURN QUERY SELECT 'past', null::timestamptz, null::bigint, null::int[], null::uuid[], null::int, 0::float8; RETURN; END IF;
  IF NOT ev.on_sale THEN RETURN QUERY SELECT 'not_on_sale', null::timestamptz, null::bigint, null::int[], null::uuid[], null::int, 0::float8; RETURN; END IF;

  -- The fan's own tabs queue here, so the per-fan limit cannot be raced.
  t0 := clock_timestamp();
  PERFORM pg_advisory_xact_lock(hashtextextended(p_user::text || p_event::text, 0));

  -- Row locks in id order: overlapping holds cannot deadlock.
  SELECT array_agg(s.id), array_agg(s.event_id), array_agg(s.taken), array_agg(s.seat), array_agg(s.companion), coalesce(bool_or(s.wheelchair), false)
    INTO got_ids, got_events, got_taken, got_seats, got_companion, with_wheelchair
  FROM (SELECT t.id, t.event_id, t.status = 'sold' OR (t.status = 'reserved' AND coalesce(t.hold_expires_at > now(), false)) AS taken, t.seat_index AS seat,
               'companion' = ANY(t.seat_flags) AS companion, 'wheelchair' = ANY(t.seat_flags) AS wheelchair
        FROM tickets t WHERE t.id = ANY(p_tickets) ORDER BY t.id FOR UPDATE) s;
  waited := extract(epoch FROM clock_timestamp() - t0) * 1000;

  SELECT array_agg(x) INTO bad FROM unnest(p_tickets) x WHERE got_ids IS NULL OR NOT x = ANY(got_ids);
  IF bad IS NOT NULL THEN RETURN QUERY SELECT 'unknown', null::timestamptz, null::bigint, null::int[], bad, null::int, waited; RETURN; END IF;
  SELECT array_agg(u.i) INTO bad FROM unnest(got_ids, got_events) u(i, e) WHERE u.e <> p_event;
  IF bad IS NOT NULL THEN RETURN QUERY SELECT 'foreign', null::timestamptz, null::bigint, null::int[], bad, null::int, waited; RETURN; END IF;
  SELECT array_agg(u.i) INTO bad FROM unnest(got_ids, got_taken) u(i, tk) WHERE u.tk;
  IF bad IS NOT NULL THEN RETURN QUERY SELECT 'taken', null::timestamptz, null::bigint, null::int[], bad, null::int, waited; RETURN; END IF;
  -- A companion seat is sold only with a wheelchair space in the same hold: one held elsewhere (by
  -- this fan or another) does not count, since holds end separately.
  IF NOT with_wheelchair THEN
    SELECT array_agg(u.i) INTO bad FROM unnest(got_ids, got_companion) u(i, c) WHERE u.c;
    IF bad IS NOT NULL THEN RETURN QUERY SELECT 'companion_alone', null::timestamptz, null::bigint, null::int[], bad, null::int, waited; RETURN; END IF;
  END IF;

  SELECT count(*)::int INTO n
  FROM reservation_tickets rt JOIN reservations r ON r.id = rt.reservation_id
  WHERE r.user_id = p_user AND r.event_id = p_event
    AND ((r.status = 'active' AND r.expires_at > now()) OR r.status = 'converted');
  IF n + cardinality(p_tickets) > p_limit THEN
    RETURN QUERY SELECT 'limit', null::timestamptz, null::bigint, null::int[], null::uuid[], n, waited; RETURN;
  END IF;

  INSERT INTO reservations (id, user_id, event_id, status, expires_at)
  VALUES (p_reservation, p_user, p_event, 'active', now() + make_interval(secs => p_hold_seconds))
  RETURNING reservations.expires_at INTO r_expires;
  -- The status guard repeats the check above, so no live hold or sale is overwritten even
  -- without the row locks.
  WITH t AS (
    UPDATE tickets SET status = 'reserved', hold_id = p_reservation, hold_expires_at = r_expires
    WHERE id = ANY(p_tickets) AND event_id = p_event
      AND (status = 'available' OR (status = 'reserved' AND hold_expires_at <= now()))
    RETURNING id
  ), rt AS (
    INSERT INTO reservation_tickets (reservation_id, ticket_id) SELECT p_reservation, t.id FROM t
  )
  SELECT count(*)::int INTO claimed FROM t;
  IF claimed <> cardinality(p_tickets) THEN
    RAISE EXCEPTION 'hold_seats: claimed % of % seats', claimed, cardinality(p_tickets) USING ERRCODE = 'serialization_failure';
  END IF;

  -- Last: from here to commit every other hold of the event waits on this row.
  t0 := clock_timestamp();
  UPDATE events SET seat_version = seat_version + 1 WHERE id = p_event RETURNING seat_version INTO r_version;
  waited := waited + extract(epoch FROM clock_timestamp() - t0) * 1000;

  RETURN QUERY
    SELECT 'held', r_expires, r_version,
           (SELECT array_agg(u.s ORDER BY o.ord) FROM unnest(p_tickets) WITH ORDINALITY o(id, ord) JOIN unnest(got_ids, got_seats) u(i, s) ON u.i = o.id),
           null::uuid[], null::int, waited;
END;
$$;
