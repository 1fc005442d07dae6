ALTER TABLE "message" ADD COLUMN "delivery_failure" text;--> statement-breakpoint
ALTER TABLE "email_channel" ADD COLUMN "imap_failure" text;--> statement-breakpoint
-- Replies that failed before there were reasons: read from the sentences Atende wrote, else the mail server's answer.
UPDATE "message" SET "delivery_failure" = CASE
  WHEN "delivery_error" LIKE 'Could not reach the outgoing mail server %' THEN 'unreachable'
  -- How a connection failed, as the mail library said it before that was kept to the log.
  WHEN "delivery_error" ~ '^(connect |getaddrinfo |Connection |Greeting never|Unexpected socket|Socket |read E|write E|Timeout)' THEN 'unreachable'
  WHEN "delivery_error" = 'The contact has no e-mail address.' THEN 'no_address'
  WHEN "delivery_error" = 'This inbox has no outgoing mail server (SMTP) set up.' THEN 'no_smtp'
  WHEN "delivery_error" LIKE 'The recipient''s mail server returned it%' THEN 'bounced'
  ELSE 'refused'
END
WHERE "delivery_status" = 'failed' AND "delivery_error" IS NOT NULL;
