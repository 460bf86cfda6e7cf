-- A job's view counter moves out of jobs into a narrow table of its own.
-- Counting a new visitor's view updated the job's row: a new version of a
-- 2.7 KB row (and, once its page was full, of every index on jobs, the text
-- search's among them) for one integer. Here a count is a 40-byte row.
CREATE TABLE job_view_counts (
    job_id bigint PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    n      bigint NOT NULL
) WITH (fillfactor = 70);
INSERT INTO job_view_counts (job_id, n) SELECT id, view_count FROM jobs WHERE view_count > 0;

DROP TRIGGER jobs_page_changed ON jobs;
ALTER TABLE jobs DROP COLUMN view_count;
-- Counting applications changes nothing a page shows (0047).
CREATE TRIGGER jobs_page_changed BEFORE UPDATE ON jobs FOR EACH ROW
    WHEN (OLD.apply_count IS NOT DISTINCT FROM NEW.apply_count)
    EXECUTE FUNCTION page_changed();
