ALTER TABLE "workspace" ADD COLUMN "time_zone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "workspace" ADD COLUMN "default_locale" text DEFAULT 'en' NOT NULL;