DROP INDEX "article_translation_search_idx";--> statement-breakpoint
CREATE INDEX "article_translation_title_idx" ON "article_translation" USING gin ("workspace_id","locale",lower(atende_unaccent("title")) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "article_translation_search_idx" ON "article_translation" USING gin ("workspace_id","locale","search_vector");