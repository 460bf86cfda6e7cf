DROP TABLE IF EXISTS alert_sends;
DROP TABLE IF EXISTS saved_searches;
DROP TABLE IF EXISTS saved_jobs;
