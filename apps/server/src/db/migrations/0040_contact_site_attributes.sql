ALTER TABLE "contact" ADD COLUMN "site_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
-- Who wrote an attribute before this was kept is not known. A contact that chatted keeps its
-- attributes changeable by its site's pages, as they were, until someone else writes one.
UPDATE "contact" SET "site_attributes" = "custom_attributes"
WHERE EXISTS (SELECT 1 FROM "chat_visitor" v WHERE v."workspace_id" = "contact"."workspace_id" AND v."contact_id" = "contact"."id");
