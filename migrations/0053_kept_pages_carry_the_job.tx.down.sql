CREATE OR REPLACE FUNCTION job_pages_drop_showing_job() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM job_pages WHERE related_ids @> ARRAY[NEW.id];
    RETURN NULL;
END $$;
ALTER TABLE job_pages
    DROP COLUMN company_id, DROP COLUMN status, DROP COLUMN title, DROP COLUMN slug,
    DROP COLUMN expires_at, DROP COLUMN hidden_at, DROP COLUMN apply_method, DROP COLUMN work_mode,
    DROP COLUMN settings, DROP COLUMN credentials_required, DROP COLUMN salary_min, DROP COLUMN salary_max,
    DROP COLUMN salary_period;
