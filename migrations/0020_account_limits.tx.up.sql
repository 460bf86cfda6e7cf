-- Actions counted against per-account (or per-company) limits: drafts,
-- companies, applications, reports, saved searches, invites. One row per
-- action done; rows older than the longest window (a day) are deleted by the
-- clean-up job. Shared by every process, unlike an in-memory counter.
CREATE TABLE limit_events (
    action  text NOT NULL,
    subject bigint NOT NULL, -- the account, or the company for per-company limits
    at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX limit_events_idx ON limit_events (action, subject, at DESC);
