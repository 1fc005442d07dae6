ALTER TABLE "message" ADD COLUMN "delivery_failure" text;--> statement-breakpoint
ALTER TABLE "email_channel" ADD COLUMN "imap_failure" text;--> statement-breakpoint
-- Replies that failed before there were reasons: from the sentences Atende wrote; a mail server's
-- answer carries its reply code (550, 5.1.1); anything else was a connection failing, told now only as
-- that (how it failed stays out of what a workspace is shown).
UPDATE "message" SET "delivery_failure" = CASE
  WHEN "delivery_error" = 'The contact has no e-mail address.' THEN 'no_address'
  WHEN "delivery_error" = 'This inbox has no outgoing mail server (SMTP) set up.' THEN 'no_smtp'
  WHEN "delivery_error" LIKE 'The recipient''s mail server returned it%' THEN 'bounced'
  WHEN "delivery_error" NOT LIKE 'Could not reach %' AND "delivery_error" ~ '(^|[^0-9.:])[245][0-9][0-9]([ -]|$)' THEN 'refused'
  ELSE 'unreachable'
END
WHERE "delivery_status" = 'failed' AND "delivery_error" IS NOT NULL;--> statement-breakpoint
UPDATE "message" SET "delivery_error" = 'Could not reach the outgoing mail server over SMTP; check its address, port and TLS.'
WHERE "delivery_failure" = 'unreachable' AND "delivery_error" NOT LIKE 'Could not reach %';--> statement-breakpoint
-- An inbox's last IMAP error, kept as the library told it: said now only as a connection that failed;
-- the next connection writes its own reason.
UPDATE "email_channel" SET "imap_failure" = 'unreachable',
  "imap_error" = 'Could not reach the IMAP server ' || ("imap"->>'host') || ':' || ("imap"->>'port') || '; check its address, port and TLS.'
WHERE "imap_error" IS NOT NULL AND "imap" IS NOT NULL;--> statement-breakpoint
UPDATE "email_channel" SET "imap_error" = NULL WHERE "imap" IS NULL;
