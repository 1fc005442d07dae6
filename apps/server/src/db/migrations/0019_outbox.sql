CREATE TABLE "listener_receipt" (
	"workspace_id" uuid NOT NULL,
	"listener" text NOT NULL,
	"event_id" uuid NOT NULL,
	"handled_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "listener_receipt_workspace_id_listener_event_id_pk" PRIMARY KEY("workspace_id","listener","event_id")
);
--> statement-breakpoint
-- Events from before the outbox count as handed on (a default that is not volatile fills them without a rewrite); new ones wait for it.
ALTER TABLE "event" ADD COLUMN "dispatched_at" timestamp (3) with time zone DEFAULT now();--> statement-breakpoint
ALTER TABLE "event" ALTER COLUMN "dispatched_at" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "listener_receipt" ADD CONSTRAINT "listener_receipt_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "listener_receipt_handled_idx" ON "listener_receipt" USING btree ("handled_at");--> statement-breakpoint
CREATE INDEX "event_undispatched_idx" ON "event" USING btree ("id") WHERE dispatched_at IS NULL;