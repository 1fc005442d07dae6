-- Keys stored before now belong to no credential: forget them (a key lives a day anyway).
DELETE FROM "idempotency_key";--> statement-breakpoint
ALTER TABLE "idempotency_key" DROP CONSTRAINT "idempotency_key_workspace_id_key_pk";--> statement-breakpoint
ALTER TABLE "idempotency_key" ADD COLUMN "credential" text NOT NULL;--> statement-breakpoint
ALTER TABLE "idempotency_key" ADD CONSTRAINT "idempotency_key_workspace_id_credential_key_pk" PRIMARY KEY("workspace_id","credential","key");--> statement-breakpoint
CREATE INDEX "idempotency_key_created_idx" ON "idempotency_key" USING btree ("created_at");
