DROP INDEX "message_unindexed_idx";--> statement-breakpoint
CREATE INDEX "message_unindexed_idx" ON "message" USING btree ("id","workspace_id") WHERE search_vector IS NULL AND kind <> 'activity';