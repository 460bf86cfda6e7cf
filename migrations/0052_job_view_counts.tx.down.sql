DROP TRIGGER jobs_page_changed ON jobs;
ALTER TABLE jobs ADD COLUMN view_count integer NOT NULL DEFAULT 0;
UPDATE jobs SET view_count = c.n FROM job_view_counts c WHERE c.job_id = jobs.id;
CREATE TRIGGER jobs_page_changed BEFORE UPDATE ON jobs FOR EACH ROW
    WHEN (OLD.view_count IS NOT DISTINCT FROM NEW.view_count AND OLD.apply_count IS NOT DISTINCT FROM NEW.apply_count)
    EXECUTE FUNCTION page_changed();
DROP TABLE job_view_counts;
