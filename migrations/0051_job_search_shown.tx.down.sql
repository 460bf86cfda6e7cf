DROP INDEX jobs_featured_search_idx;

CREATE INDEX jobs_search_idx ON jobs USING gin (search) WITH (fastupdate = off);
DROP INDEX jobs_shown_search_idx;

CREATE INDEX jobs_live_cover_idx ON jobs (published_at DESC, id DESC)
    INCLUDE (expires_at, featured_until, work_mode, employment_type, apprentice_ok, state, city,
             salary_period, salary_min, salary_max, settings, specialties, code_sets, credentials, remote_states)
    WHERE status = 'active';
DROP INDEX jobs_shown_cover_idx;
