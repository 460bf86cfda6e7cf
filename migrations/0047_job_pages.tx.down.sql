DROP TABLE IF EXISTS job_pages;
DROP TRIGGER IF EXISTS company_logos_page_changed ON company_logos;
DROP FUNCTION IF EXISTS company_logo_changed();
DROP TRIGGER IF EXISTS companies_page_changed ON companies;
DROP TRIGGER IF EXISTS jobs_page_changed ON jobs;
DROP FUNCTION IF EXISTS page_changed();
ALTER TABLE companies DROP COLUMN IF EXISTS page_changed_at;
ALTER TABLE jobs DROP COLUMN IF EXISTS page_changed_at;
