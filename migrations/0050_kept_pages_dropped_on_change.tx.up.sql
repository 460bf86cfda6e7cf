-- A kept job page (0047) was checked at every read against everything it
-- shows: its job, its company, its ranking of similar jobs and each similar
-- job (five more rows), about 30 of the read's 45 buffers. The similar jobs
-- and the company are now checked once, when the page is stored, and a
-- change to them drops the pages that show them, so a read checks only the
-- job and its ranking. The store locks the rows it checks (FOR SHARE, see
-- models.KeepJobPages), so a change either waits for the stored page and
-- then drops it, or is seen by the store's check.
CREATE INDEX job_pages_related_ids_idx ON job_pages USING gin (related_ids) WITH (fastupdate = off);

CREATE FUNCTION job_pages_drop_showing_job() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM job_pages WHERE related_ids @> ARRAY[NEW.id];
    RETURN NULL;
END $$;
-- page_changed_at moves on every change a page shows (jobs_page_changed).
CREATE TRIGGER jobs_drop_kept_pages AFTER UPDATE ON jobs FOR EACH ROW
    WHEN (OLD.page_changed_at IS DISTINCT FROM NEW.page_changed_at)
    EXECUTE FUNCTION job_pages_drop_showing_job();

CREATE FUNCTION job_pages_drop_of_company() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM job_pages p USING jobs j WHERE j.company_id = NEW.id AND p.job_id = j.id;
    RETURN NULL;
END $$;
CREATE TRIGGER companies_drop_kept_pages AFTER UPDATE ON companies FOR EACH ROW
    WHEN (OLD.page_changed_at IS DISTINCT FROM NEW.page_changed_at)
    EXECUTE FUNCTION job_pages_drop_of_company();

-- Pages kept before this were checked at each read; they are drawn again.
DELETE FROM job_pages;
