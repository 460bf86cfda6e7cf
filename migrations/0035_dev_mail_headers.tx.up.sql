-- The development outbox keeps each message's header lines (From,
-- Message-ID, List-Unsubscribe …) beside its two parts, so what would be sent
-- can be checked from a browser.
ALTER TABLE dev_mails ADD COLUMN headers jsonb NOT NULL DEFAULT '{}'::jsonb;
