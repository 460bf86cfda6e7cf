-- A job's coding skills check: its settings, its scenarios with the answer
-- key, each candidate's timed attempt and the answers saved in time.
CREATE TABLE skill_checks (
    job_id             bigint PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    time_limit_minutes integer NOT NULL CHECK (time_limit_minutes BETWEEN 5 AND 180),
    show_score         boolean NOT NULL DEFAULT false,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE skill_check_scenarios (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id        bigint NOT NULL REFERENCES skill_checks (job_id) ON DELETE CASCADE,
    position      integer NOT NULL,
    title         text NOT NULL,
    description   text NOT NULL,
    modifier_rule text NOT NULL CHECK (modifier_rule IN ('ignore', 'half', 'required')),
    -- The answer key: [{"system": "cpt", "code": "27447", "modifiers": ["RT"]}, …]
    expected      jsonb NOT NULL,
    library_key   text NOT NULL DEFAULT '',
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX skill_check_scenarios_job_idx ON skill_check_scenarios (job_id, position);

-- One attempt per candidate and job, timed by the server: the deadline is
-- fixed at the start and never moves.
CREATE TABLE skill_check_attempts (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id         bigint NOT NULL REFERENCES skill_checks (job_id) ON DELETE CASCADE,
    user_id        bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    scenario_order bigint[] NOT NULL,
    started_at     timestamptz NOT NULL,
    deadline       timestamptz NOT NULL,
    submitted_at   timestamptz,
    UNIQUE (job_id, user_id)
);

CREATE TABLE skill_check_answers (
    attempt_id  bigint NOT NULL REFERENCES skill_check_attempts (id) ON DELETE CASCADE,
    scenario_id bigint NOT NULL REFERENCES skill_check_scenarios (id) ON DELETE CASCADE,
    codes       text NOT NULL,
    saved_at    timestamptz NOT NULL,
    PRIMARY KEY (attempt_id, scenario_id)
);
