CREATE TABLE "article_question_suggestion" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"translation_id" uuid NOT NULL,
	"question" text NOT NULL,
	"source" text NOT NULL,
	"conversation_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "article_question_suggestion" ADD CONSTRAINT "article_question_suggestion_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_question_suggestion" ADD CONSTRAINT "article_question_suggestion_translation_id_article_translation_id_fk" FOREIGN KEY ("translation_id") REFERENCES "public"."article_translation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_question_suggestion" ADD CONSTRAINT "article_question_suggestion_conversation_id_conversation_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversation"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "article_question_suggestion_key" ON "article_question_suggestion" USING btree ("workspace_id","translation_id","question");