DROP TRIGGER IF EXISTS companies_drop_kept_pages ON companies;
DROP FUNCTION IF EXISTS job_pages_drop_of_company();
DROP TRIGGER IF EXISTS jobs_drop_kept_pages ON jobs;
DROP FUNCTION IF EXISTS job_pages_drop_showing_job();
DROP INDEX IF EXISTS job_pages_related_ids_idx;
DELETE FROM job_pages;
