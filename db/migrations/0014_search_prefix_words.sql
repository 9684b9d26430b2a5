-- Prefix words for the Postgres search driver (lib/search/postgres-terms.ts). Hand-written like
-- 0004_search.sql. A query word is matched through the catalogue words it begins, looked up
-- here by a range on the C collation (byte order, whatever the database's collation), rather
-- than as a tsquery prefix, which GIN answers by collecting every posting under the prefix.
CREATE INDEX IF NOT EXISTS search_words_prefix_idx ON search_words (word COLLATE "C");
--> statement-breakpoint
-- The several-word probe it served is gone (levels past the cap are walked through the field GIN
-- indexes), and it was the largest search index: 26 MB at 100,000 events, rewritten on every edit.
DROP INDEX IF EXISTS event_search_date_fields_idx;
