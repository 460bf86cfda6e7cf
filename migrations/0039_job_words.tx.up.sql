-- The words of job titles and descriptions: the board's own vocabulary, so a
-- job search that finds nothing can suggest the nearest real word
-- ("radiolgy" → "radiology"). jobs counts the jobs a word came with; like
-- code_words it only grows (a stale word is never suggested: a suggestion
-- is shown only when it finds live jobs).
CREATE TABLE job_words (
    word text PRIMARY KEY,
    jobs integer NOT NULL
);
CREATE INDEX job_words_trgm_idx ON job_words USING gin (word gin_trgm_ops);

-- New jobs arrive one by one or in bulk (seeding): one statement-level
-- trigger reads them all at once.
CREATE FUNCTION job_words_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO job_words (word, jobs)
    SELECT w, count(*) FROM new_jobs,
        unnest(tsvector_to_array(to_tsvector('simple', title || ' ' || description))) w
    WHERE w ~ '^[[:alpha:]]{3,}$'
    GROUP BY w
    ON CONFLICT (word) DO UPDATE SET jobs = job_words.jobs + EXCLUDED.jobs;
    RETURN NULL;
END $$;
CREATE TRIGGER jobs_words_insert AFTER INSERT ON jobs
    REFERENCING NEW TABLE AS new_jobs FOR EACH STATEMENT EXECUTE FUNCTION job_words_insert();

-- Edits change one job at a time; other updates (status, views) leave the
-- words alone, so the row trigger names its columns.
CREATE FUNCTION job_words_edit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO job_words (word, jobs)
    SELECT w, 1 FROM unnest(tsvector_to_array(to_tsvector('simple', NEW.title || ' ' || NEW.description))) w
    WHERE w ~ '^[[:alpha:]]{3,}$'
    ON CONFLICT (word) DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER jobs_words_edit AFTER UPDATE OF title, description ON jobs
    FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.description IS DISTINCT FROM NEW.description)
    EXECUTE FUNCTION job_words_edit();

INSERT INTO job_words (word, jobs)
SELECT w, count(*) FROM jobs,
    unnest(tsvector_to_array(to_tsvector('simple', title || ' ' || description))) w
WHERE w ~ '^[[:alpha:]]{3,}$'
GROUP BY w;
