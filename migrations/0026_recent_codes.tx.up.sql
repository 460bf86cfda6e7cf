-- The code pages an account opened, newest first on /codes. Re-opening a
-- page moves it to the top; only the newest few per account are kept.
CREATE TABLE recent_codes (
    user_id   bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    system    text NOT NULL,
    code      text NOT NULL,
    viewed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, system, code),
    FOREIGN KEY (system, code) REFERENCES codes (system, code) ON DELETE CASCADE
);
CREATE INDEX recent_codes_user_idx ON recent_codes (user_id, viewed_at DESC);
