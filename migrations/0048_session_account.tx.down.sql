ALTER TABLE sessions DROP COLUMN user_id, DROP COLUMN epoch;
