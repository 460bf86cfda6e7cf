-- Browsing a code set walks its codes in code order whatever the database's
-- collation: byte order of code_key is the tabular order (E11.65 before E11.9).
CREATE INDEX codes_browse_idx ON codes (system, (code_key COLLATE "C"));

-- Among codes that match a search equally well, those other codes name as
-- related come first; this finds them.
CREATE INDEX codes_related_idx ON codes USING gin (related);

-- The words of the code descriptors, so a search word with a typo can be
-- replaced by the nearest real word ("diabtes" → "diabetes") before the
-- full-text search. codes counts the codes a word was added with; it only
-- grows (a changed descriptor keeps its old words), which is harmless: a
-- stale word finds nothing and counts only break ties.
CREATE TABLE code_words (
    word  text PRIMARY KEY,
    codes integer NOT NULL
);
CREATE INDEX code_words_trgm_idx ON code_words USING gin (word gin_trgm_ops);

CREATE FUNCTION code_words_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO code_words (word, codes)
        SELECT w, count(*) FROM changed_codes,
            unnest(tsvector_to_array(to_tsvector('simple', descriptor || ' ' || common_description))) w
        WHERE w ~ '^[[:alpha:]]{3,}$'
        GROUP BY w
        ON CONFLICT (word) DO UPDATE SET codes = code_words.codes + EXCLUDED.codes;
    ELSE
        INSERT INTO code_words (word, codes)
        SELECT w, count(*) FROM changed_codes,
            unnest(tsvector_to_array(to_tsvector('simple', descriptor || ' ' || common_description))) w
        WHERE w ~ '^[[:alpha:]]{3,}$'
        GROUP BY w
        ON CONFLICT (word) DO NOTHING;
    END IF;
    RETURN NULL;
END $$;

-- A transition table may serve one event only, hence two triggers.
CREATE TRIGGER codes_words_insert AFTER INSERT ON codes
    REFERENCING NEW TABLE AS changed_codes FOR EACH STATEMENT EXECUTE FUNCTION code_words_add();
CREATE TRIGGER codes_words_update AFTER UPDATE ON codes
    REFERENCING NEW TABLE AS changed_codes FOR EACH STATEMENT EXECUTE FUNCTION code_words_add();

INSERT INTO code_words (word, codes)
SELECT w, count(*) FROM codes,
    unnest(tsvector_to_array(to_tsvector('simple', descriptor || ' ' || common_description))) w
WHERE w ~ '^[[:alpha:]]{3,}$'
GROUP BY w;
