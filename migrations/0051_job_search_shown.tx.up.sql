-- Job search reads only shown jobs (active and not hidden; see whereLive),
-- so its indexes hold only those. Measured at 100,000 jobs (README, "SQL per
-- search page").

-- The covering index of 0007 left out hidden_at, so every index-only scan
-- still read each job's row to check it: the filter counts of
-- setting=risk-adjustment&state=TX read 7,400 job rows (36 ms; 6 ms from
-- this index alone). Not hidden is now part of the index's predicate.
CREATE INDEX jobs_shown_cover_idx ON jobs (published_at DESC, id DESC)
    INCLUDE (expires_at, featured_until, work_mode, employment_type, apprentice_ok, state, city,
             salary_period, salary_min, salary_max, settings, specialties, code_sets, credentials, remote_states)
    WHERE status = 'active' AND hidden_at IS NULL;
DROP INDEX jobs_live_cover_idx;

-- The words of a search, over shown jobs only: with the whole table's text
-- index the planner AND-ed in a scan of every active job's entry in
-- jobs_company_idx (for status = 'active'): the capped count of q=auditor
-- took 16 ms, 3 ms with this index.
CREATE INDEX jobs_shown_search_idx ON jobs USING gin (search) WITH (fastupdate = off)
    WHERE status = 'active' AND hidden_at IS NULL;
DROP INDEX jobs_search_idx;

-- Featured jobs open every search; their matches came from AND-ing the
-- bitmap of every match of the words (60,000 jobs for "coder") with the
-- featured jobs' (9 ms); their own small text index finds them directly
-- (4 ms).
CREATE INDEX jobs_featured_search_idx ON jobs USING gin (search) WITH (fastupdate = off)
    WHERE status = 'active' AND hidden_at IS NULL AND featured_until IS NOT NULL;
