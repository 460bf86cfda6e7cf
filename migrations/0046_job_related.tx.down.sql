DROP TABLE IF EXISTS job_related;
