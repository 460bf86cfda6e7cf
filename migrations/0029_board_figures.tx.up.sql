-- Employer responsiveness and real pay (what the board can say honestly from
-- its own pipeline and its own structured pay).

-- When the hiring company first acted on an application: set by the pipeline
-- as it happens (a status change, or anything else the candidate is shown),
-- never computed later by scanning.
ALTER TABLE applications ADD COLUMN first_acted_at timestamptz;
-- Earlier applications that left "new" were acted on; their last change is
-- the best time known (it can only be later than the first act).
UPDATE applications SET first_acted_at = status_changed_at WHERE status NOT IN ('new', 'withdrawn');
-- Applications still waiting for a first answer: the employer's "waiting"
-- count and the candidate's "no answer yet".
CREATE INDEX applications_waiting_idx ON applications (job_id, created_at)
    WHERE first_acted_at IS NULL AND status = 'new';

-- Per company, refreshed by a periodic job: of the on-site applications made
-- between 180 and 14 days ago (each old enough for its 14-day outcome to be
-- known; withdrawn before any answer left out), how many were answered
-- within 14 days, and the median days to a first answer (NULL when most
-- were never answered). Pages claim nothing below a minimum sample.
CREATE TABLE company_responsiveness (
    company_id   bigint PRIMARY KEY REFERENCES companies (id) ON DELETE CASCADE,
    applications integer NOT NULL,
    answered     integer NOT NULL,
    answer_rate  real NOT NULL,
    median_days  real,
    refreshed_at timestamptz NOT NULL
);

-- Yearly pay (hourly x 2,080; per-chart pay left out) of live jobs and jobs
-- closed in the last 12 months, per group: '' in a dimension means any
-- value. Only groups of at least 10 jobs are kept. cuts holds the 1st to
-- 99th percentiles, so a job page can say where a pay stands.
CREATE TABLE pay_groups (
    credential   text NOT NULL,
    setting      text NOT NULL,
    work_mode    text NOT NULL,
    specialty    text NOT NULL,
    state        text NOT NULL,
    experience   text NOT NULL,
    jobs         integer NOT NULL,
    p25          integer NOT NULL,
    median       integer NOT NULL,
    p75          integer NOT NULL,
    cuts         integer[] NOT NULL,
    refreshed_at timestamptz NOT NULL,
    PRIMARY KEY (credential, setting, work_mode, specialty, state, experience)
);
