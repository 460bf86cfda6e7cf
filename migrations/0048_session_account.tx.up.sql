-- The account a session signed in, beside the session's opaque data, so a
-- signed-in request reads its session and its account in one statement.
-- Sessions from before this column keep working through their data.
ALTER TABLE sessions
    ADD COLUMN user_id bigint REFERENCES users (id) ON DELETE CASCADE,
    ADD COLUMN epoch   int;
CREATE INDEX sessions_user_idx ON sessions (user_id) WHERE user_id IS NOT NULL;
