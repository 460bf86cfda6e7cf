-- Job search at scale (measured at 100,000 jobs; see the README's
-- Performance section).

-- Counting matches and the facet sample read only these columns: with them
-- in the index, both are index-only scans of the newest live jobs instead of
-- reads of the wide job rows (description, search vector).
CREATE INDEX jobs_live_cover_idx ON jobs (published_at DESC, id DESC)
    INCLUDE (expires_at, featured_until, work_mode, employment_type, apprentice_ok, state, city,
             salary_period, salary_min, salary_max, settings, specialties, code_sets, credentials, remote_states)
    WHERE status = 'active';

-- Featured jobs open every search; they are few, so a small index finds them
-- without walking every live job.
CREATE INDEX jobs_featured_idx ON jobs (featured_until) WHERE status = 'active' AND featured_until IS NOT NULL;

-- The location filter matches the start of a city name.
CREATE INDEX jobs_city_idx ON jobs (lower(city) text_pattern_ops) WHERE status = 'active';
