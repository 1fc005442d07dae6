-- Conversation numbers come from one sequence per workspace: nextval takes no lock that lasts until
-- commit, so conversations of one workspace are created concurrently (a rolled-back one leaves a gap).
-- The sequence is made on first use, starting after the workspace's highest number; when two
-- transactions make it at once, the second waits for the first and then uses its sequence.
CREATE OR REPLACE FUNCTION atende_next_conversation_number(ws uuid) RETURNS integer
  LANGUAGE plpgsql AS $$
DECLARE
  seq text := 'conversation_number_' || replace(ws::text, '-', '');
BEGIN
  RETURN nextval(seq);
EXCEPTION WHEN undefined_table THEN
  BEGIN
    EXECUTE format('CREATE SEQUENCE %I START WITH %s', seq,
      (SELECT coalesce(max(number), 0) + 1 FROM conversation WHERE workspace_id = ws));
  EXCEPTION WHEN duplicate_table OR unique_violation THEN
    NULL;
  END;
  RETURN nextval(seq);
END $$;
