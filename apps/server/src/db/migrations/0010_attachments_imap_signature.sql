CREATE TYPE "public"."attachment_disposition" AS ENUM('attachment', 'inline', 'original');--> statement-breakpoint
CREATE TABLE "attachment" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"disposition" "attachment_disposition" NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"content_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "email_channel" ADD COLUMN "imap_uid_validity" bigint;--> statement-breakpoint
ALTER TABLE "email_channel" ADD COLUMN "imap_last_uid" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "email_channel" ADD COLUMN "imap_lease_owner" text;--> statement-breakpoint
ALTER TABLE "email_channel" ADD COLUMN "imap_lease_until" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "email_channel" ADD COLUMN "imap_error" text;--> statement-breakpoint
ALTER TABLE "email_channel" ADD COLUMN "signature" text;--> statement-breakpoint
ALTER TABLE "attachment" ADD CONSTRAINT "attachment_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachment" ADD CONSTRAINT "attachment_message_id_message_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."message"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachment_message_idx" ON "attachment" USING btree ("workspace_id","message_id");