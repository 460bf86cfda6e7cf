-- A coder's profile, one per account.
CREATE TABLE profiles (
    user_id            bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    headline           text NOT NULL DEFAULT '',
    summary            text NOT NULL DEFAULT '',
    specialties        text[] NOT NULL DEFAULT '{}',
    settings           text[] NOT NULL DEFAULT '{}',
    code_sets          text[] NOT NULL DEFAULT '{}',
    -- The credential names of profile_credentials, kept by the profile model for search.
    credentials        text[] NOT NULL DEFAULT '{}',
    years_experience   integer NOT NULL DEFAULT 0 CHECK (years_experience BETWEEN 0 AND 60),
    city               text NOT NULL DEFAULT '',
    state              text NOT NULL DEFAULT '',
    remote_preference  text NOT NULL DEFAULT 'any' CHECK (remote_preference IN ('remote', 'hybrid', 'onsite', 'any')),
    remote_states      text[] NOT NULL DEFAULT '{}',
    desired_pay        integer CHECK (desired_pay >= 0),
    desired_pay_period text CHECK (desired_pay_period IN ('hour', 'year', 'chart')),
    visible            boolean NOT NULL DEFAULT false,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    search             tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(headline, '')), 'A') ||
        setweight(to_tsvector('simple', cc_words(credentials)), 'B') ||
        setweight(to_tsvector('english', coalesce(summary, '')), 'C')
    ) STORED
);
CREATE INDEX profiles_search_idx ON profiles USING gin (search) WHERE visible;
CREATE INDEX profiles_filters_idx ON profiles USING gin (credentials, specialties, settings) WHERE visible;

-- Credentials with their numbers; self-declared until an admin verifies one.
CREATE TABLE profile_credentials (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    credential  text NOT NULL,
    number      text NOT NULL DEFAULT '',
    year        integer CHECK (year BETWEEN 1950 AND 2100),
    verified_at timestamptz,
    verified_by bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (user_id, credential)
);

-- Uploaded files (resumes) live outside the web root: here, by default,
-- behind a small storage interface. Rows go with their owner's account.
CREATE TABLE stored_files (
    key        text PRIMARY KEY,
    owner_id   bigint REFERENCES users (id) ON DELETE CASCADE,
    data       bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE resumes (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    filename     text NOT NULL,
    content_type text NOT NULL CHECK (content_type IN ('application/pdf',
                   'application/vnd.openxmlformats-officedocument.wordprocessingml.document')),
    size_bytes   integer NOT NULL,
    storage_key  text NOT NULL,
    -- The resume shown on the profile; older ones stay attached to applications.
    is_current   boolean NOT NULL DEFAULT false,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX resumes_user_idx ON resumes (user_id);

-- Applications survive their candidate's account as a "withdrawn candidate"
-- row without personal data (user_id set null, note and resume removed).
CREATE TABLE applications (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id            bigint NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    user_id           bigint REFERENCES users (id) ON DELETE SET NULL,
    status            text NOT NULL DEFAULT 'new' CHECK (status IN
                        ('new', 'reviewed', 'interviewing', 'offered', 'hired', 'rejected', 'withdrawn')),
    cover_note        text NOT NULL DEFAULT '',
    resume_id         bigint REFERENCES resumes (id) ON DELETE SET NULL,
    status_changed_at timestamptz NOT NULL DEFAULT now(),
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX applications_once_idx ON applications (job_id, user_id) WHERE user_id IS NOT NULL;
CREATE INDEX applications_user_idx ON applications (user_id);

-- Private notes of the hiring company on an application.
CREATE TABLE application_notes (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id bigint NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    author_id      bigint REFERENCES users (id) ON DELETE SET NULL,
    body           text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE jobs ADD COLUMN notify_rejections boolean NOT NULL DEFAULT true;
