CREATE TABLE companies (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug               text NOT NULL UNIQUE,
    name               text NOT NULL,
    website            text NOT NULL DEFAULT '',
    email_domain       text NOT NULL DEFAULT '',
    domain_verified_at timestamptz,
    description        text NOT NULL DEFAULT '',
    kind               text NOT NULL DEFAULT 'employer' CHECK (kind IN ('employer', 'agency')),
    -- Trusted companies skip review (set by admins).
    trusted            boolean NOT NULL DEFAULT false,
    created_by         bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE company_logos (
    company_id   bigint PRIMARY KEY REFERENCES companies (id) ON DELETE CASCADE,
    content_type text NOT NULL,
    data         bytea NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE company_members (
    company_id bigint NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       text NOT NULL DEFAULT 'member' CHECK (role IN ('owner', 'member')),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (company_id, user_id)
);
CREATE INDEX company_members_user_idx ON company_members (user_id);

CREATE TABLE company_invites (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id  bigint NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    email       citext NOT NULL,
    token_hash  bytea NOT NULL UNIQUE,
    invited_by  bigint REFERENCES users (id) ON DELETE SET NULL,
    expires_at  timestamptz NOT NULL,
    accepted_at timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- array_to_string is only stable in general; for text[] it is immutable,
-- which a generated column needs.
CREATE FUNCTION cc_words(text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT array_to_string($1, ' ') $$;

CREATE TABLE jobs (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id            bigint NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    created_by            bigint REFERENCES users (id) ON DELETE SET NULL,
    status                text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'pending_payment',
                            'pending_review', 'active', 'expired', 'filled', 'rejected', 'withdrawn', 'removed')),
    plan                  text NOT NULL DEFAULT 'standard' CHECK (plan IN ('standard', 'featured')),
    title                 text NOT NULL DEFAULT '',
    slug                  text NOT NULL DEFAULT '',
    -- Denormalized for the search vector (kept in step by the company model).
    company_name          text NOT NULL DEFAULT '',
    city                  text NOT NULL DEFAULT '',
    state                 text NOT NULL DEFAULT '',
    postal_code           text NOT NULL DEFAULT '',
    work_mode             text NOT NULL DEFAULT 'remote' CHECK (work_mode IN ('remote', 'hybrid', 'onsite')),
    remote_states         text[] NOT NULL DEFAULT '{}',
    employment_type       text NOT NULL DEFAULT 'full_time' CHECK (employment_type IN
                            ('full_time', 'part_time', 'contract', 'per_diem', 'temporary')),
    settings              text[] NOT NULL DEFAULT '{}',
    specialties           text[] NOT NULL DEFAULT '{}',
    code_sets             text[] NOT NULL DEFAULT '{}',
    -- [["RHIT"],["CCS","CIC"]] = RHIT and (CCS or CIC)
    credentials_required  jsonb NOT NULL DEFAULT '[]',
    credentials_preferred text[] NOT NULL DEFAULT '{}',
    -- Every credential named above, for filtering (kept by the job model).
    credentials           text[] NOT NULL DEFAULT '{}',
    apprentice_ok         boolean NOT NULL DEFAULT false,
    experience_min_years  integer NOT NULL DEFAULT 0 CHECK (experience_min_years BETWEEN 0 AND 50),
    salary_min            integer CHECK (salary_min >= 0),
    salary_max            integer CHECK (salary_max >= 0),
    salary_period         text CHECK (salary_period IN ('hour', 'year', 'chart')),
    systems               text[] NOT NULL DEFAULT '{}',
    apply_method          text NOT NULL DEFAULT 'url' CHECK (apply_method IN ('onsite', 'url', 'email')),
    apply_url             text NOT NULL DEFAULT '',
    apply_email           text NOT NULL DEFAULT '',
    description           text NOT NULL DEFAULT '',
    rejection_reason      text NOT NULL DEFAULT '',
    featured_until        timestamptz,
    submitted_at          timestamptz,
    published_at          timestamptz,
    expires_at            timestamptz,
    reminded_at           timestamptz,
    closed_at             timestamptz,
    view_count            integer NOT NULL DEFAULT 0,
    apply_count           integer NOT NULL DEFAULT 0,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    search                tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(company_name, '') || ' ' ||
                  cc_words(credentials)), 'B') ||
        setweight(to_tsvector('english', coalesce(description, '')), 'C')
    ) STORED
);
CREATE INDEX jobs_search_idx ON jobs USING gin (search);
ALTER TABLE jobs ALTER COLUMN search SET STATISTICS 1000;
CREATE INDEX jobs_company_idx ON jobs (company_id, status);
CREATE INDEX jobs_live_idx ON jobs (published_at DESC, id DESC) WHERE status = 'active';
CREATE INDEX jobs_expires_idx ON jobs (expires_at) WHERE status = 'active';
CREATE INDEX jobs_filters_idx ON jobs USING gin (settings, specialties, code_sets, credentials, remote_states)
    WHERE status = 'active';

-- One row per job, day and viewer: unique views per day.
CREATE TABLE job_views (
    job_id      bigint NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    day         date NOT NULL,
    viewer_hash bytea NOT NULL,
    PRIMARY KEY (job_id, day, viewer_hash)
);
