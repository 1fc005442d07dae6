CREATE TABLE "conversation_count_change" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "conversation_count_change_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" uuid NOT NULL,
	"tag_id" uuid,
	"status" "conversation_status" NOT NULL,
	"assignee_id" uuid,
	"inbox_id" uuid NOT NULL,
	"team_id" uuid,
	"priority" "priority" NOT NULL,
	"delta" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conversation_count" (
	"workspace_id" uuid NOT NULL,
	"tag_id" uuid,
	"status" "conversation_status" NOT NULL,
	"assignee_id" uuid,
	"inbox_id" uuid NOT NULL,
	"team_id" uuid,
	"priority" "priority" NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "conversation_count_group_key" UNIQUE NULLS NOT DISTINCT("workspace_id","tag_id","status","assignee_id","inbox_id","team_id","priority")
);
--> statement-breakpoint
ALTER TABLE "conversation_count_change" ADD CONSTRAINT "conversation_count_change_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_count" ADD CONSTRAINT "conversation_count_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversation_count_change_workspace_idx" ON "conversation_count_change" USING btree ("workspace_id","tag_id");--> statement-breakpoint
-- Every change to what the views count writes its +1/-1 rows in the change's own transaction: the
-- conversation's group, and each of its tags' groups. A deleted conversation is taken out before it
-- goes (its tags are still there then); its tags' own deletion then finds no conversation.
CREATE OR REPLACE FUNCTION atende_count_conversation() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO conversation_count_change (workspace_id, tag_id, status, assignee_id, inbox_id, team_id, priority, delta)
    SELECT OLD.workspace_id, g.tag_id, OLD.status, OLD.assignee_id, OLD.inbox_id, OLD.team_id, OLD.priority, -1
    FROM (SELECT NULL::uuid AS tag_id UNION ALL
          SELECT ct.tag_id FROM conversation_tag ct WHERE ct.workspace_id = OLD.workspace_id AND ct.conversation_id = OLD.id) g;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO conversation_count_change (workspace_id, tag_id, status, assignee_id, inbox_id, team_id, priority, delta)
    SELECT NEW.workspace_id, g.tag_id, NEW.status, NEW.assignee_id, NEW.inbox_id, NEW.team_id, NEW.priority, 1
    FROM (SELECT NULL::uuid AS tag_id UNION ALL
          SELECT ct.tag_id FROM conversation_tag ct WHERE ct.workspace_id = NEW.workspace_id AND ct.conversation_id = NEW.id) g;
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER conversation_counted AFTER INSERT ON conversation
  FOR EACH ROW EXECUTE FUNCTION atende_count_conversation();
--> statement-breakpoint
CREATE TRIGGER conversation_recounted AFTER UPDATE OF status, assignee_id, inbox_id, team_id, priority ON conversation
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.assignee_id IS DISTINCT FROM NEW.assignee_id
    OR OLD.inbox_id IS DISTINCT FROM NEW.inbox_id OR OLD.team_id IS DISTINCT FROM NEW.team_id OR OLD.priority IS DISTINCT FROM NEW.priority)
  EXECUTE FUNCTION atende_count_conversation();
--> statement-breakpoint
CREATE TRIGGER conversation_uncounted BEFORE DELETE ON conversation
  FOR EACH ROW EXECUTE FUNCTION atende_count_conversation();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION atende_count_conversation_tag() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO conversation_count_change (workspace_id, tag_id, status, assignee_id, inbox_id, team_id, priority, delta)
    SELECT c.workspace_id, OLD.tag_id, c.status, c.assignee_id, c.inbox_id, c.team_id, c.priority, -1
    FROM conversation c WHERE c.workspace_id = OLD.workspace_id AND c.id = OLD.conversation_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO conversation_count_change (workspace_id, tag_id, status, assignee_id, inbox_id, team_id, priority, delta)
    SELECT c.workspace_id, NEW.tag_id, c.status, c.assignee_id, c.inbox_id, c.team_id, c.priority, 1
    FROM conversation c WHERE c.workspace_id = NEW.workspace_id AND c.id = NEW.conversation_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER conversation_tag_counted AFTER INSERT OR UPDATE OR DELETE ON conversation_tag
  FOR EACH ROW EXECUTE FUNCTION atende_count_conversation_tag();
--> statement-breakpoint
-- What is there already, counted once.
INSERT INTO conversation_count (workspace_id, tag_id, status, assignee_id, inbox_id, team_id, priority, n)
SELECT workspace_id, NULL, status, assignee_id, inbox_id, team_id, priority, count(*)
FROM conversation GROUP BY workspace_id, status, assignee_id, inbox_id, team_id, priority;
--> statement-breakpoint
INSERT INTO conversation_count (workspace_id, tag_id, status, assignee_id, inbox_id, team_id, priority, n)
SELECT c.workspace_id, ct.tag_id, c.status, c.assignee_id, c.inbox_id, c.team_id, c.priority, count(*)
FROM conversation c JOIN conversation_tag ct ON ct.workspace_id = c.workspace_id AND ct.conversation_id = c.id
GROUP BY c.workspace_id, ct.tag_id, c.status, c.assignee_id, c.inbox_id, c.team_id, c.priority;
