ALTER TABLE "agent" ALTER COLUMN "locale" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "agent" ALTER COLUMN "locale" DROP NOT NULL;--> statement-breakpoint
-- English was every agent's language unless they picked another: from now on those follow their browser until they choose.
UPDATE "agent" SET "locale" = NULL WHERE "locale" = 'en';
