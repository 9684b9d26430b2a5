-- One hold, decided in one round trip (issue 13). Before, a hold was BEGIN, four statements and
-- COMMIT from the app, each a round trip while the fan's advisory lock and the seats' row locks
-- were held, and the event's seat_version row (every hold of the event serialises on it) stayed
-- locked until the app's COMMIT came back over the network. Here the steps run server-side, the
-- version bump is the last write, and the caller runs this in autocommit, so the event row is
-- locked only for the bump and the commit itself.
--
-- Each statement of a plpgsql function takes a fresh snapshot under READ COMMITTED, so the
-- per-fan count after the advisory lock sees every hold the fan's other tabs committed before it.
-- Nothing is written unless every check passes; a claim short of its seats (impossible under the
-- row locks, kept as a second guard) raises, which rolls the whole call back.
CREATE FUNCTION hold_seats(p_reservation uuid, p_user uuid, p_event uuid, p_tickets uuid[], p_hold_seconds double precision, p_limit integer)
RETURNS TABLE (outcome text, expires_at timestamptz, version bigint, seats integer[], ids uuid[], held integer, lock_ms double precision)
LANGUAGE plpgsql AS $$
DECLARE
  ev record;
  bad uuid[];
  got_ids uuid[];
  got_events uuid[];
  got_taken boolean[];
  got_seats integer[];
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
  SELECT array_agg(s.id), array_agg(s.event_id), array_agg(s.taken), array_agg(s.seat) INTO got_ids, got_events, got_taken, got_seats
  FROM (SELECT t.id, t.event_id, t.status = 'sold' OR (t.status = 'reserved' AND coalesce(t.hold_expires_at > now(), false)) AS taken, t.seat_index AS seat
        FROM tickets t WHERE t.id = ANY(p_tickets) ORDER BY t.id FOR UPDATE) s;
  waited := extract(epoch FROM clock_timestamp() - t0) * 1000;

  SELECT array_agg(x) INTO bad FROM unnest(p_tickets) x WHERE got_ids IS NULL OR NOT x = ANY(got_ids);
  IF bad IS NOT NULL THEN RETURN QUERY SELECT 'unknown', null::timestamptz, null::bigint, null::int[], bad, null::int, waited; RETURN; END IF;
  SELECT array_agg(u.i) INTO bad FROM unnest(got_ids, got_events) u(i, e) WHERE u.e <> p_event;
  IF bad IS NOT NULL THEN RETURN QUERY SELECT 'foreign', null::timestamptz, null::bigint, null::int[], bad, null::int, waited; RETURN; END IF;
  SELECT array_agg(u.i) INTO bad FROM unnest(got_ids, got_taken) u(i, tk) WHERE u.tk;
  IF bad IS NOT NULL THEN RETURN QUERY SELECT 'taken', null::timestamptz, null::bigint, null::int[], bad, null::int, waited; RETURN; END IF;

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
