CREATE TABLE "email_domain" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"domain" text NOT NULL,
	"token" text NOT NULL,
	"verified_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "email_channel_address_key";--> statement-breakpoint
ALTER TABLE "email_channel" ADD COLUMN "verified_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "email_channel" ADD COLUMN "verified_by" text;--> statement-breakpoint
ALTER TABLE "email_channel" ADD COLUMN "proof_code_digest" text;--> statement-breakpoint
ALTER TABLE "email_channel" ADD COLUMN "proof_code_sent_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "email_channel" ADD COLUMN "proof_code_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Addresses added before proof was asked for keep receiving mail, as they did.
UPDATE "email_channel" SET "verified_at" = "created_at", "verified_by" = 'existing';--> statement-breakpoint
ALTER TABLE "email_domain" ADD CONSTRAINT "email_domain_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "email_domain_workspace_domain_key" ON "email_domain" USING btree ("workspace_id","domain");--> statement-breakpoint
CREATE UNIQUE INDEX "email_domain_verified_key" ON "email_domain" USING btree ("domain") WHERE verified_at IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "email_channel_verified_address_key" ON "email_channel" USING btree ("address") WHERE verified_at IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "email_channel_workspace_address_key" ON "email_channel" USING btree ("workspace_id","address");