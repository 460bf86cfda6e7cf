-- A company's email domain is verified by a single-use link sent to an
-- address on that domain; only a hash of the link's secret is stored.
CREATE TABLE domain_checks (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id   bigint NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    email        text NOT NULL,
    domain       text NOT NULL,
    token_hash   bytea NOT NULL UNIQUE,
    requested_by bigint REFERENCES users (id) ON DELETE SET NULL,
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX domain_checks_company_idx ON domain_checks (company_id, created_at);

-- A keyed hash of a guest reporter's address: guests from one address count
-- once towards hiding a job, and their reports are limited per hour.
ALTER TABLE job_reports ADD COLUMN ip_key bytea;
CREATE INDEX job_reports_open_idx ON job_reports (job_id) WHERE resolved_at IS NULL;
CREATE INDEX job_reports_ip_idx ON job_reports (ip_key, created_at) WHERE ip_key IS NOT NULL;
CREATE INDEX job_reports_key_idx ON job_reports (reporter_key, created_at);

-- Near-duplicate check at submission: trigram similarity of title and
-- description, found through this index rather than by reading every job.
CREATE INDEX jobs_text_trgm_idx ON jobs USING gin ((title || ' ' || description) gin_trgm_ops);
