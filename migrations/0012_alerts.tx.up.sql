CREATE TABLE saved_jobs (
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    job_id     bigint NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, job_id)
);

-- A saved search with an email alert. Guests have only an email address and
-- must confirm it (double opt-in) before anything is sent.
CREATE TABLE saved_searches (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id            bigint REFERENCES users (id) ON DELETE CASCADE,
    email              citext NOT NULL,
    name               text NOT NULL,
    -- The search as URL query values (models.JobFilter.Query().Encode()).
    query              text NOT NULL DEFAULT '',
    frequency          text NOT NULL CHECK (frequency IN ('instant', 'daily', 'weekly')),
    paused             boolean NOT NULL DEFAULT false,
    confirmed_at       timestamptz,
    confirm_token_hash bytea UNIQUE,
    -- Digests send jobs that became active after this moment.
    last_digest_at     timestamptz NOT NULL DEFAULT now(),
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX saved_searches_user_idx ON saved_searches (user_id);
CREATE INDEX saved_searches_due_idx ON saved_searches (frequency) WHERE NOT paused AND confirmed_at IS NOT NULL;
-- A guest confirming twice, or subscribing twice, creates nothing twice.
CREATE UNIQUE INDEX saved_searches_once_idx ON saved_searches (email, query, frequency);

-- Every job sent to a saved search, at most once.
CREATE TABLE alert_sends (
    saved_search_id bigint NOT NULL REFERENCES saved_searches (id) ON DELETE CASCADE,
    job_id          bigint NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    sent_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (saved_search_id, job_id)
);
