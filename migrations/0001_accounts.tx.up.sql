CREATE EXTENSION IF NOT EXISTS citext;

CREATE TABLE users (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email             citext NOT NULL UNIQUE,
    name              text NOT NULL,
    password_hash     text NOT NULL DEFAULT '',
    account_type      text NOT NULL DEFAULT 'coder' CHECK (account_type IN ('coder', 'employer')),
    is_admin          boolean NOT NULL DEFAULT false,
    email_verified_at timestamptz,
    -- Bumped on password change and account events; sessions carrying an older
    -- value stop working.
    session_epoch     integer NOT NULL DEFAULT 1,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);

-- Single-use links: email verification, password reset, email change.
CREATE TABLE user_tokens (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    text NOT NULL CHECK (purpose IN ('verify_email', 'reset_password', 'change_email')),
    token_hash bytea NOT NULL UNIQUE,
    new_email  citext,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX user_tokens_user_idx ON user_tokens (user_id, purpose);

-- Server-side sessions (fiber.Storage). The data is opaque to SQL.
CREATE TABLE sessions (
    key        text PRIMARY KEY,
    data       bytea NOT NULL,
    expires_at timestamptz
);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

-- Counters of the rate limiter (fiber.Storage as well).
CREATE TABLE rate_limits (
    key        text PRIMARY KEY,
    data       bytea NOT NULL,
    expires_at timestamptz
);
CREATE INDEX rate_limits_expires_idx ON rate_limits (expires_at);

-- Failed sign-ins, for the per-account and per-address back-off. The address
-- is stored as a keyed hash, never raw.
CREATE TABLE login_failures (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email      citext NOT NULL,
    ip_hash    bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_email_idx ON login_failures (email, created_at);
CREATE INDEX login_failures_ip_idx ON login_failures (ip_hash, created_at);
