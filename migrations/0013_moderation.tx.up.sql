-- Every admin action: who, what, on what, why, when.
CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor_id    bigint REFERENCES users (id) ON DELETE SET NULL,
    action      text NOT NULL,
    target_type text NOT NULL,
    target_id   text NOT NULL,
    reason      text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_created_idx ON audit_log (created_at DESC);

-- Reports of a job by readers: one per account or guest per job.
CREATE TABLE job_reports (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id       bigint NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    reporter_id  bigint REFERENCES users (id) ON DELETE SET NULL,
    -- A keyed hash of the account or of the guest (cookie and address).
    reporter_key bytea NOT NULL,
    reason       text NOT NULL CHECK (reason IN ('scam', 'wrong_info', 'filled', 'discriminatory', 'other')),
    details      text NOT NULL DEFAULT '',
    resolved_at  timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (job_id, reporter_key)
);

ALTER TABLE users
    ADD COLUMN banned_at timestamptz,
    ADD COLUMN ban_reason text NOT NULL DEFAULT '';

CREATE TABLE banned_domains (
    domain     text PRIMARY KEY,
    reason     text NOT NULL DEFAULT '',
    created_by bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Hidden jobs leave the board without changing status: too many reports
-- (pending review), a banned author or a banned company domain.
ALTER TABLE jobs
    ADD COLUMN hidden_at timestamptz,
    ADD COLUMN hidden_reason text NOT NULL DEFAULT '',
    -- Trust checks at submission: near_duplicate, webmail_domain, posting_limit.
    ADD COLUMN flags text[] NOT NULL DEFAULT '{}';
