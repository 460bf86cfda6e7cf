DROP TRIGGER codes_words_update ON codes;
DROP TRIGGER codes_words_insert ON codes;
DROP FUNCTION code_words_add();
DROP TABLE code_words;
DROP INDEX codes_related_idx;
DROP INDEX codes_browse_idx;
