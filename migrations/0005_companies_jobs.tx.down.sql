DROP TABLE IF EXISTS job_views;
DROP TABLE IF EXISTS jobs;
DROP FUNCTION IF EXISTS cc_words(text[]);
DROP TABLE IF EXISTS company_invites;
DROP TABLE IF EXISTS company_members;
DROP TABLE IF EXISTS company_logos;
DROP TABLE IF EXISTS companies;
