DROP TRIGGER IF EXISTS jobs_drop_views ON jobs;
DROP FUNCTION IF EXISTS job_views_drop_of_job();
DELETE FROM job_views v WHERE NOT EXISTS (SELECT FROM jobs j WHERE j.id = v.job_id);
DELETE FROM job_view_counts c WHERE NOT EXISTS (SELECT FROM jobs j WHERE j.id = c.job_id);
ALTER TABLE job_views ADD CONSTRAINT job_views_job_id_fkey FOREIGN KEY (job_id) REFERENCES jobs (id) ON DELETE CASCADE;
ALTER TABLE job_view_counts ADD CONSTRAINT job_view_counts_job_id_fkey FOREIGN KEY (job_id) REFERENCES jobs (id) ON DELETE CASCADE;
