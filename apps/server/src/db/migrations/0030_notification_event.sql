DROP INDEX "notification_agent_idx";--> statement-breakpoint
ALTER TABLE "notification" ADD COLUMN "event_id" uuid;--> statement-breakpoint
UPDATE "notification" SET "event_id" = "id";--> statement-breakpoint
ALTER TABLE "notification" ALTER COLUMN "event_id" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "notification_agent_idx" ON "notification" USING btree ("workspace_id","agent_id","event_id" DESC NULLS FIRST);
