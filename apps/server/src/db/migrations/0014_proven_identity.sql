ALTER TABLE "contact" ADD COLUMN "unverified_email" text;--> statement-breakpoint
ALTER TABLE "chat_visitor" ADD COLUMN "email_code_digest" text;--> statement-breakpoint
ALTER TABLE "chat_visitor" ADD COLUMN "email_code_for" text;--> statement-breakpoint
ALTER TABLE "chat_visitor" ADD COLUMN "email_code_expires_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "chat_visitor" ADD COLUMN "email_code_attempts" integer DEFAULT 0 NOT NULL;