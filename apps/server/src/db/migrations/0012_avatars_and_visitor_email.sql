ALTER TABLE "agent" ADD COLUMN "avatar_sha256" text;--> statement-breakpoint
ALTER TABLE "agent" ADD COLUMN "avatar_type" text;--> statement-breakpoint
ALTER TABLE "chat_visitor" ADD COLUMN "claimed_email" text;