CREATE TABLE "email_channel" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"inbox_id" uuid NOT NULL,
	"address" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_channel_inbox_id_unique" UNIQUE("inbox_id")
);
--> statement-breakpoint
ALTER TABLE "email_channel" ADD CONSTRAINT "email_channel_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_channel" ADD CONSTRAINT "email_channel_inbox_id_inbox_id_fk" FOREIGN KEY ("inbox_id") REFERENCES "public"."inbox"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "email_channel_address_key" ON "email_channel" USING btree ("address");--> statement-breakpoint
CREATE INDEX "message_workspace_external_id_idx" ON "message" USING btree ("workspace_id","external_id") WHERE external_id IS NOT NULL;