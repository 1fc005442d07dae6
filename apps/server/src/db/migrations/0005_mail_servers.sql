ALTER TABLE "email_channel" ADD COLUMN "smtp" jsonb;--> statement-breakpoint
ALTER TABLE "email_channel" ADD COLUMN "smtp_password" text;--> statement-breakpoint
ALTER TABLE "email_channel" ADD COLUMN "imap" jsonb;--> statement-breakpoint
ALTER TABLE "email_channel" ADD COLUMN "imap_password" text;