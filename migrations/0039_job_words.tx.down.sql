DROP TRIGGER jobs_words_edit ON jobs;
DROP TRIGGER jobs_words_insert ON jobs;
DROP FUNCTION job_words_edit();
DROP FUNCTION job_words_insert();
DROP TABLE job_words;
