-- A job page's similar jobs, ranked once and kept: the ranking reads up to
-- 200 candidates (about 4,000 buffers at 100,000 jobs), too much for every
-- view of a page. The worker ranks lists in batches and again when they
-- are a day old; jobs that stopped being live are dropped when a list is
-- read. Kept
-- apart from jobs so that writing a list fires none of the jobs' triggers.
CREATE TABLE job_related (
	job_id      bigint PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
	related_ids bigint[] NOT NULL,
	ranked_at   timestamptz NOT NULL
);
