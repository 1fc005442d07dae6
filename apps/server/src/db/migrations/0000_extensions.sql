-- Extensions and helpers the schema relies on. PGlite loads the same extensions from its contrib bundle.
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
-- unaccent() is only STABLE (its dictionary could change); pinning the dictionary makes an IMMUTABLE
-- wrapper that generated columns and indexes may use.
CREATE OR REPLACE FUNCTION atende_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
--> statement-breakpoint
-- Simple words without accents: matches and highlights "objednavka" in "objednávka" (Czech has no stemmer).
DO $$ BEGIN
  CREATE TEXT SEARCH CONFIGURATION atende_simple (COPY = simple);
  ALTER TEXT SEARCH CONFIGURATION atende_simple ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
EXCEPTION WHEN unique_violation THEN NULL;
END $$;
