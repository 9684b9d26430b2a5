-- Search that stays cheap for very common words, and typo tolerance that counts a swap as one
-- edit (lib/search/postgres.ts, lib/search/postgres-terms.ts). Hand-written like 0004_search.sql.

-- One tsvector per field besides the weighted document, each under its own GIN index and with its
-- own statistics: a query for a common word asks "whose performer is it", "whose event name",
-- "whose venue or city" in turn, soonest first, and the planner can tell which of those is rare.
ALTER TABLE event_search ADD COLUMN IF NOT EXISTS performer_doc tsvector NOT NULL DEFAULT ''::tsvector;--> statement-breakpoint
ALTER TABLE event_search ADD COLUMN IF NOT EXISTS name_doc tsvector NOT NULL DEFAULT ''::tsvector;--> statement-breakpoint
ALTER TABLE event_search ADD COLUMN IF NOT EXISTS place_doc tsvector NOT NULL DEFAULT ''::tsvector;--> statement-breakpoint

CREATE OR REPLACE FUNCTION search_documents(ids uuid[]) RETURNS SETOF event_search
  LANGUAGE sql STABLE
  AS $$
    SELECT e.id, e.date, (e.date AT TIME ZONE v.timezone)::date, search_fold(e.city), lower(e.category),
           search_fold(p.name), search_fold(e.name),
           search_document(p.name, e.name, v.name || ' ' || e.city, e.description),
           to_tsvector('simple'::regconfig, search_fold(p.name)),
           to_tsvector('simple'::regconfig, search_fold(e.name)),
           to_tsvector('simple'::regconfig, search_fold(v.name || ' ' || e.city))
    FROM unnest(ids) AS i(id)
    JOIN events e ON e.id = i.id
    JOIN performers p ON p.id = e.performer_id
    JOIN venues v ON v.id = e.venue_id
  $$;--> statement-breakpoint

CREATE OR REPLACE FUNCTION search_index_events(ids uuid[]) RETURNS void
  LANGUAGE sql
  AS $$
    INSERT INTO event_search SELECT * FROM search_documents(ids)
    ON CONFLICT (event_id) DO UPDATE SET
      date = excluded.date, local_day = excluded.local_day, city = excluded.city, category = excluded.category,
      performer_name = excluded.performer_name, name = excluded.name, document = excluded.document,
      performer_doc = excluded.performer_doc, name_doc = excluded.name_doc, place_doc = excluded.place_doc;
    SELECT search_add_words(ids);
  $$;--> statement-breakpoint

-- Every catalogue word with one letter deleted (and, for words of 7+ letters, two), so that the
-- words within one edit of a typo (two for 8+ letters), a swap counted as one, are found by
-- looking up the typo's own deletions: "tmasin" and "tamsin" both give "tasin".
CREATE TABLE IF NOT EXISTS search_word_variants (variant text NOT NULL, word text NOT NULL, PRIMARY KEY (variant, word));--> statement-breakpoint

CREATE OR REPLACE FUNCTION search_word_deletions(word text) RETURNS SETOF text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
    SELECT word
    UNION
    SELECT overlay(word PLACING '' FROM i FOR 1) FROM generate_series(1, length(word)) AS i
    UNION
    SELECT overlay(overlay(word PLACING '' FROM i FOR 1) PLACING '' FROM j FOR 1)
    FROM generate_series(1, length(word)) AS i, generate_series(1, length(word) - 1) AS j
    WHERE length(word) >= 7 AND j >= i
  $$;--> statement-breakpoint

CREATE OR REPLACE FUNCTION search_add_words(ids uuid[]) RETURNS void
  LANGUAGE sql
  AS $$
    WITH added AS (
      INSERT INTO search_words (word)
      SELECT DISTINCT w
      FROM unnest(ids) AS i(id)
      JOIN event_search s ON s.event_id = i.id
      CROSS JOIN LATERAL unnest(tsvector_to_array(s.document)) AS w
      WHERE length(w) > 1
      ON CONFLICT DO NOTHING
      RETURNING word
    )
    INSERT INTO search_word_variants (variant, word)
    SELECT d, a.word FROM added a CROSS JOIN LATERAL search_word_deletions(a.word) AS d
    WHERE length(a.word) >= 3
    ON CONFLICT DO NOTHING;
  $$;--> statement-breakpoint

CREATE OR REPLACE FUNCTION search_rebuild() RETURNS bigint
  LANGUAGE plpgsql
  AS $$
  BEGIN
    DELETE FROM search_words;
    DELETE FROM search_word_variants;
    PERFORM search_index_events(ARRAY(SELECT id FROM events));
    RETURN (SELECT count(*) FROM event_search);
  END
  $$;--> statement-breakpoint

-- Indexes after the rebuild: built in one pass rather than through GIN's pending list.
SELECT search_rebuild();--> statement-breakpoint
CREATE INDEX IF NOT EXISTS event_search_performer_doc_idx ON event_search USING gin (performer_doc);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS event_search_name_doc_idx ON event_search USING gin (name_doc);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS event_search_place_doc_idx ON event_search USING gin (place_doc);--> statement-breakpoint
-- Soonest-first walks over the field tsvectors without touching the table (index-only scans), for
-- the probe in lib/search/postgres.ts only: its predicate (always true) is one that only the probe
-- states, so the planner never takes this cheap-looking walk for a rare word it would walk in full.
CREATE INDEX IF NOT EXISTS event_search_date_fields_idx ON event_search (date, event_id)
  INCLUDE (local_day, city, category, performer_doc, name_doc, place_doc) WHERE date > '-infinity';--> statement-breakpoint
-- "Did you mean" offers only performers with an upcoming show.
CREATE INDEX IF NOT EXISTS event_search_performer_name_idx ON event_search (performer_name, date);--> statement-breakpoint
ANALYZE event_search;
