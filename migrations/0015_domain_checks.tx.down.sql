DROP INDEX IF EXISTS jobs_text_trgm_idx;
DROP INDEX IF EXISTS job_reports_key_idx;
DROP INDEX IF EXISTS job_reports_ip_idx;
DROP INDEX IF EXISTS job_reports_open_idx;
ALTER TABLE job_reports DROP COLUMN IF EXISTS ip_key;
DROP TABLE IF EXISTS domain_checks;
