-- The pg_trgm extension stays: other objects may use it.
DROP TABLE IF EXISTS codes;
