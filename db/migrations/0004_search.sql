-- Search documents for the Postgres search driver (lib/search/postgres.ts). Kept out of
-- db/schema.ts on purpose: drizzle-kit has no tsvector or trigger support, and only lib/search
-- reads these objects, through raw SQL. Safe to run on a database that already holds events:
-- the last statement builds the documents for them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint

-- unaccent() is only STABLE (it finds its dictionary through search_path), so it cannot appear in
-- an index expression. Naming the dictionary makes the result depend on the input alone.
CREATE OR REPLACE FUNCTION search_fold(value text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;--> statement-breakpoint

-- Weights carry the ranking: performer A, event name B, venue and city C, description D.
-- The 'simple' configuration keeps every word (no stemming, no stop words): names like "The Who"
-- must stay findable, and prefix matching covers plurals.
CREATE OR REPLACE FUNCTION search_document(performer text, name text, place text, description text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT setweight(to_tsvector('simple'::regconfig, search_fold(coalesce(performer, ''))), 'A')
        || setweight(to_tsvector('simple'::regconfig, search_fold(coalesce(name, ''))), 'B')
        || setweight(to_tsvector('simple'::regconfig, search_fold(coalesce(place, ''))), 'C')
        || setweight(to_tsvector('simple'::regconfig, search_fold(coalesce(description, ''))), 'D')
  $$;--> statement-breakpoint

-- One user word as a tsquery term, quoted so nothing in it is tsquery syntax. `weights` restricts
-- the match to fields ('A' = performer only), which is how the ranking asks "where did it match".
CREATE OR REPLACE FUNCTION search_term(word text, prefix boolean, weights text DEFAULT '') RETURNS tsquery
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
    SELECT to_tsquery('simple'::regconfig,
      '''' || replace(replace(search_fold(word), '\', '\\'), '''', '''''') || ''''
      || CASE WHEN prefix OR weights <> '' THEN ':' ELSE '' END
      || CASE WHEN prefix THEN '*' ELSE '' END || weights)
  $$;--> statement-breakpoint

-- One row per event. `local_day` is the show's calendar day in the venue's time zone: a fan
-- asking for "5 January" means the night printed on the ticket, wherever they are.
CREATE TABLE IF NOT EXISTS event_search (
  event_id uuid PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
  date timestamptz NOT NULL,
  local_day date NOT NULL,
  city text NOT NULL,
  category text NOT NULL,
  performer_name text NOT NULL,
  name text NOT NULL,
  document tsvector NOT NULL
);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS event_search_document_idx ON event_search USING gin (document);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS event_search_date_idx ON event_search (date, event_id);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS event_search_local_day_idx ON event_search (local_day);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS event_search_city_idx ON event_search (city, date);--> statement-breakpoint
-- "Did you mean": the nearest event names by trigram distance. GiST, not GIN, because only GiST
-- answers `ORDER BY name <-> $1 LIMIT n` without ranking every event that shares a trigram.
CREATE INDEX IF NOT EXISTS event_search_name_trgm_idx ON event_search USING gist (name gist_trgm_ops);--> statement-breakpoint

-- Every word the documents contain. A query word with no prefix match here is a probable typo and
-- is widened to its nearest words by trigram similarity ("metalica" -> "metallica"). Words are
-- only added on write; `search_rebuild()` drops the ones no event uses any more.
CREATE TABLE IF NOT EXISTS search_words (word text PRIMARY KEY);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS search_words_trgm_idx ON search_words USING gin (word gin_trgm_ops);--> statement-breakpoint

-- The search rows of the given events, computed from the catalogue. Joins unnest() rather than
-- `= ANY(ids)` so a 100,000-event COPY (the seed, with the events key dropped) hashes instead of
-- scanning once per id.
CREATE OR REPLACE FUNCTION search_documents(ids uuid[]) RETURNS SETOF event_search
  LANGUAGE sql STABLE
  AS $$
    SELECT e.id, e.date, (e.date AT TIME ZONE v.timezone)::date, search_fold(e.city), lower(e.category),
           search_fold(p.name), search_fold(e.name),
           search_document(p.name, e.name, v.name || ' ' || e.city, e.description)
    FROM unnest(ids) AS i(id)
    JOIN events e ON e.id = i.id
    JOIN performers p ON p.id = e.performer_id
    JOIN venues v ON v.id = e.venue_id
  $$;--> statement-breakpoint

CREATE OR REPLACE FUNCTION search_add_words(ids uuid[]) RETURNS void
  LANGUAGE sql
  AS $$
    INSERT INTO search_words (word)
    SELECT DISTINCT w
    FROM unnest(ids) AS i(id)
    JOIN event_search s ON s.event_id = i.id
    CROSS JOIN LATERAL unnest(tsvector_to_array(s.document)) AS w
    WHERE length(w) > 1
    ON CONFLICT DO NOTHING;
  $$;--> statement-breakpoint

-- (Re)computes the documents of existing events: updates and search_rebuild().
CREATE OR REPLACE FUNCTION search_index_events(ids uuid[]) RETURNS void
  LANGUAGE sql
  AS $$
    INSERT INTO event_search SELECT * FROM search_documents(ids)
    ON CONFLICT (event_id) DO UPDATE SET
      date = excluded.date, local_day = excluded.local_day, city = excluded.city, category = excluded.category,
      performer_name = excluded.performer_name, name = excluded.name, document = excluded.document;
    SELECT search_add_words(ids);
  $$;--> statement-breakpoint

-- Recomputes every document and the word list (npm run search:reindex). Rows stay readable
-- throughout: no TRUNCATE, so searches keep working during a rebuild.
CREATE OR REPLACE FUNCTION search_rebuild() RETURNS bigint
  LANGUAGE plpgsql
  AS $$
  BEGIN
    DELETE FROM search_words;
    PERFORM search_index_events(ARRAY(SELECT id FROM events));
    RETURN (SELECT count(*) FROM event_search);
  END
  $$;--> statement-breakpoint

-- Inserts index set-based once per statement: a COPY of 100,000 events costs one join, not
-- 100,000 trigger calls. A plain INSERT (a new event has no document yet: the foreign key
-- removed any earlier one) so it also works while the seed loads with event_search's keys and
-- indexes dropped (db/seed/bulk-load.ts), which is 4x faster than maintaining three GIN indexes.
CREATE OR REPLACE FUNCTION search_events_inserted() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    ids uuid[] := ARRAY(SELECT id FROM new_events);
  BEGIN
    INSERT INTO event_search SELECT * FROM search_documents(ids);
    PERFORM search_add_words(ids);
    RETURN NULL;
  END
  $$;--> statement-breakpoint
DROP TRIGGER IF EXISTS events_search_insert ON events;--> statement-breakpoint
CREATE TRIGGER events_search_insert AFTER INSERT ON events
  REFERENCING NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION search_events_inserted();--> statement-breakpoint

-- Updates are per row and limited to the searchable columns: a seat hold bumps
-- events.seat_version on every reservation, and that must not cost a document rebuild.
CREATE OR REPLACE FUNCTION search_event_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    PERFORM search_index_events(ARRAY[NEW.id]);
    RETURN NULL;
  END
  $$;--> statement-breakpoint
DROP TRIGGER IF EXISTS events_search_update ON events;--> statement-breakpoint
CREATE TRIGGER events_search_update AFTER UPDATE OF name, description, date, performer_id, venue_id, city, category ON events
  FOR EACH ROW
  WHEN ((OLD.name, OLD.description, OLD.date, OLD.performer_id, OLD.venue_id, OLD.city, OLD.category)
        IS DISTINCT FROM (NEW.name, NEW.description, NEW.date, NEW.performer_id, NEW.venue_id, NEW.city, NEW.category))
  EXECUTE FUNCTION search_event_changed();--> statement-breakpoint

-- A renamed performer or venue (or a venue's time zone, which moves local_day) rewrites the
-- documents of its events.
CREATE OR REPLACE FUNCTION search_owner_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    IF TG_TABLE_NAME = 'performers' THEN
      PERFORM search_index_events(ARRAY(SELECT id FROM events WHERE performer_id = NEW.id));
    ELSE
      PERFORM search_index_events(ARRAY(SELECT id FROM events WHERE venue_id = NEW.id));
    END IF;
    RETURN NULL;
  END
  $$;--> statement-breakpoint
DROP TRIGGER IF EXISTS performers_search_update ON performers;--> statement-breakpoint
CREATE TRIGGER performers_search_update AFTER UPDATE OF name ON performers
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION search_owner_changed();--> statement-breakpoint
DROP TRIGGER IF EXISTS venues_search_update ON venues;--> statement-breakpoint
CREATE TRIGGER venues_search_update AFTER UPDATE OF name, timezone ON venues
  FOR EACH ROW WHEN ((OLD.name, OLD.timezone) IS DISTINCT FROM (NEW.name, NEW.timezone))
  EXECUTE FUNCTION search_owner_changed();--> statement-breakpoint

SELECT search_rebuild();
