CREATE TABLE "upload" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"size" bigint NOT NULL,
	"visitor_id" uuid,
	"agent_id" uuid,
	"ip" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "upload" ADD CONSTRAINT "upload_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upload" ADD CONSTRAINT "upload_visitor_id_chat_visitor_id_fk" FOREIGN KEY ("visitor_id") REFERENCES "public"."chat_visitor"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upload" ADD CONSTRAINT "upload_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "upload_workspace_expires_idx" ON "upload" USING btree ("workspace_id","expires_at");--> statement-breakpoint
CREATE INDEX "upload_visitor_idx" ON "upload" USING btree ("visitor_id") WHERE visitor_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "upload_ip_expires_idx" ON "upload" USING btree ("ip","expires_at");--> statement-breakpoint
CREATE INDEX "upload_sha256_idx" ON "upload" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "upload_expires_idx" ON "upload" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "attachment_sha256_idx" ON "attachment" USING btree ("sha256");