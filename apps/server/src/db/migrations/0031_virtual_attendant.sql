CREATE TABLE "attendant_session" (
	"conversation_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"status" text NOT NULL,
	"locale" text NOT NULL,
	"awaiting" jsonb,
	"facts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"questions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"articles" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"misses" integer DEFAULT 0 NOT NULL,
	"handoff_reason" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inbox" ADD COLUMN "virtual_attendant" jsonb;--> statement-breakpoint
ALTER TABLE "message" ADD COLUMN "buttons" jsonb;--> statement-breakpoint
ALTER TABLE "attendant_session" ADD CONSTRAINT "attendant_session_conversation_id_conversation_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendant_session" ADD CONSTRAINT "attendant_session_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attendant_session_workspace_idx" ON "attendant_session" USING btree ("workspace_id","status","created_at");