CREATE TABLE "system_mail" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"mailbox" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "system_mail" ADD CONSTRAINT "system_mail_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "system_mail_workspace_idx" ON "system_mail" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "system_mail_mailbox_idx" ON "system_mail" USING btree ("mailbox","created_at");