DROP INDEX IF EXISTS job_views_day_brin;
