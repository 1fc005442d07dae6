CREATE TABLE "chat_channel" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"inbox_id" uuid NOT NULL,
	"widget_token" text NOT NULL,
	"identity_secret" text NOT NULL,
	"settings" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chat_channel_inbox_id_unique" UNIQUE("inbox_id")
);
--> statement-breakpoint
CREATE TABLE "chat_visitor" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"inbox_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"token_digest" text NOT NULL,
	"external_user_id" text,
	"context" jsonb,
	"last_seen_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "message" ADD COLUMN "client_id" text;--> statement-breakpoint
ALTER TABLE "chat_channel" ADD CONSTRAINT "chat_channel_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_channel" ADD CONSTRAINT "chat_channel_inbox_id_inbox_id_fk" FOREIGN KEY ("inbox_id") REFERENCES "public"."inbox"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_visitor" ADD CONSTRAINT "chat_visitor_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_visitor" ADD CONSTRAINT "chat_visitor_inbox_id_inbox_id_fk" FOREIGN KEY ("inbox_id") REFERENCES "public"."inbox"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_visitor" ADD CONSTRAINT "chat_visitor_contact_id_contact_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contact"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "chat_channel_widget_token_key" ON "chat_channel" USING btree ("widget_token");--> statement-breakpoint
CREATE UNIQUE INDEX "chat_visitor_token_key" ON "chat_visitor" USING btree ("token_digest");--> statement-breakpoint
CREATE INDEX "chat_visitor_user_idx" ON "chat_visitor" USING btree ("workspace_id","inbox_id","external_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "message_client_id_key" ON "message" USING btree ("workspace_id","conversation_id","client_id") WHERE client_id IS NOT NULL;