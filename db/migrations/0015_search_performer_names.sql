-- The performers whose names hold a fan's words, for the Postgres search driver's performer
-- levels (lib/search/postgres.ts). Hand-written like 0004_search.sql. The expression is the one
-- event_search.performer_doc is built from (search_documents, 0010), so a name matches here
-- exactly when its shows match there; each such performer's shows are then read soonest first
-- through event_search_performer_name_idx, twenty rows where the tsvector index gave them all.
CREATE INDEX IF NOT EXISTS performers_name_doc_idx ON performers USING gin (to_tsvector('simple'::regconfig, search_fold(name)));
--> statement-breakpoint
ANALYZE performers;
