CREATE TABLE "event_outbox" (
	"event_id" uuid PRIMARY KEY NOT NULL
);
--> statement-breakpoint
ALTER TABLE "event_outbox" ADD CONSTRAINT "event_outbox_event_id_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."event"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- The events not handed on yet wait in the narrow table from now on.
INSERT INTO "event_outbox" ("event_id") SELECT "id" FROM "event" WHERE "dispatched_at" IS NULL;--> statement-breakpoint
DROP INDEX "event_undispatched_idx";--> statement-breakpoint
ALTER TABLE "event" DROP COLUMN "dispatched_at";
