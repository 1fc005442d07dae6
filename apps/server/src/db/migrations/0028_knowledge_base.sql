CREATE TYPE "public"."article_status" AS ENUM('draft', 'published');--> statement-breakpoint
CREATE TYPE "public"."article_visibility" AS ENUM('public', 'internal');--> statement-breakpoint
CREATE TABLE "article_category" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"names" jsonb NOT NULL,
	"descriptions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"slug" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "article_daily_stat" (
	"workspace_id" uuid NOT NULL,
	"translation_id" uuid NOT NULL,
	"day" date NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	"helpful" integer DEFAULT 0 NOT NULL,
	"not_helpful" integer DEFAULT 0 NOT NULL,
	"self_service" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "article_daily_stat_workspace_id_translation_id_day_pk" PRIMARY KEY("workspace_id","translation_id","day")
);
--> statement-breakpoint
CREATE TABLE "article_feedback" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"translation_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"helpful" boolean NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "article_image" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"uploaded_by_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "article_revision" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"translation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"restored_from" uuid,
	"by_id" uuid,
	"changes" jsonb NOT NULL,
	"title" text NOT NULL,
	"slug" text NOT NULL,
	"body" text NOT NULL,
	"status" "article_status" NOT NULL,
	"visibility" "article_visibility" NOT NULL,
	"category_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "article_search_gap" (
	"workspace_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"query" text NOT NULL,
	"count" integer DEFAULT 1 NOT NULL,
	"last_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "article_search_gap_workspace_id_locale_query_pk" PRIMARY KEY("workspace_id","locale","query")
);
--> statement-breakpoint
CREATE TABLE "article_term" (
	"workspace_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"term" text NOT NULL,
	CONSTRAINT "article_term_workspace_id_locale_term_pk" PRIMARY KEY("workspace_id","locale","term")
);
--> statement-breakpoint
CREATE TABLE "article_translation" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"article_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"title" text NOT NULL,
	"slug" text NOT NULL,
	"body" text NOT NULL,
	"plain" text NOT NULL,
	"status" "article_status" DEFAULT 'draft' NOT NULL,
	"author_id" uuid,
	"updated_by_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp (3) with time zone,
	"search_vector" "tsvector" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "article_whats_new_seen" (
	"workspace_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"seen_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "article_whats_new_seen_workspace_id_agent_id_pk" PRIMARY KEY("workspace_id","agent_id")
);
--> statement-breakpoint
CREATE TABLE "article" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"category_id" uuid,
	"visibility" "article_visibility" DEFAULT 'public' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "workspace" ADD COLUMN "brand_color" text DEFAULT '#1f6feb' NOT NULL;--> statement-breakpoint
ALTER TABLE "workspace" ADD COLUMN "logo_url" text;--> statement-breakpoint
ALTER TABLE "article_category" ADD CONSTRAINT "article_category_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_daily_stat" ADD CONSTRAINT "article_daily_stat_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_daily_stat" ADD CONSTRAINT "article_daily_stat_translation_id_article_translation_id_fk" FOREIGN KEY ("translation_id") REFERENCES "public"."article_translation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_feedback" ADD CONSTRAINT "article_feedback_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_feedback" ADD CONSTRAINT "article_feedback_translation_id_article_translation_id_fk" FOREIGN KEY ("translation_id") REFERENCES "public"."article_translation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_image" ADD CONSTRAINT "article_image_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_image" ADD CONSTRAINT "article_image_uploaded_by_id_agent_id_fk" FOREIGN KEY ("uploaded_by_id") REFERENCES "public"."agent"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_revision" ADD CONSTRAINT "article_revision_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_revision" ADD CONSTRAINT "article_revision_translation_id_article_translation_id_fk" FOREIGN KEY ("translation_id") REFERENCES "public"."article_translation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_revision" ADD CONSTRAINT "article_revision_by_id_agent_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."agent"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_search_gap" ADD CONSTRAINT "article_search_gap_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_term" ADD CONSTRAINT "article_term_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_translation" ADD CONSTRAINT "article_translation_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_translation" ADD CONSTRAINT "article_translation_article_id_article_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."article"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_translation" ADD CONSTRAINT "article_translation_author_id_agent_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."agent"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_translation" ADD CONSTRAINT "article_translation_updated_by_id_agent_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."agent"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_whats_new_seen" ADD CONSTRAINT "article_whats_new_seen_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_whats_new_seen" ADD CONSTRAINT "article_whats_new_seen_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article" ADD CONSTRAINT "article_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article" ADD CONSTRAINT "article_category_id_article_category_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."article_category"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "article_category_workspace_slug_key" ON "article_category" USING btree ("workspace_id","slug");--> statement-breakpoint
CREATE INDEX "article_daily_stat_day_idx" ON "article_daily_stat" USING btree ("workspace_id","day");--> statement-breakpoint
CREATE INDEX "article_feedback_translation_idx" ON "article_feedback" USING btree ("workspace_id","translation_id");--> statement-breakpoint
CREATE INDEX "article_image_workspace_idx" ON "article_image" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "article_image_sha256_idx" ON "article_image" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "article_revision_translation_idx" ON "article_revision" USING btree ("workspace_id","translation_id","id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "article_search_gap_count_idx" ON "article_search_gap" USING btree ("workspace_id","count" DESC NULLS FIRST);--> statement-breakpoint
CREATE UNIQUE INDEX "article_translation_workspace_locale_slug_key" ON "article_translation" USING btree ("workspace_id","locale","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "article_translation_workspace_article_locale_key" ON "article_translation" USING btree ("workspace_id","article_id","locale");--> statement-breakpoint
CREATE INDEX "article_translation_workspace_updated_idx" ON "article_translation" USING btree ("workspace_id","updated_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "article_translation_search_idx" ON "article_translation" USING gin ("workspace_id","search_vector");--> statement-breakpoint
CREATE INDEX "article_workspace_category_idx" ON "article" USING btree ("workspace_id","category_id","position");