-- Coders choose whether employers who found them in search may invite
-- them to apply; invitations are on by default, as the profile promises.
ALTER TABLE profiles ADD COLUMN invites_allowed boolean NOT NULL DEFAULT true;

-- "Invite to apply": an employer asks a searched candidate to apply to one
-- of the company's jobs; the site emails the candidate, never revealing the
-- address. One invitation per candidate per job; the company's daily count
-- is read through the index on (company_id, created_at).
CREATE TABLE candidate_invites (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id   bigint NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    job_id       bigint NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    candidate_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    invited_by   bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (job_id, candidate_id)
);
CREATE INDEX candidate_invites_company_idx ON candidate_invites (company_id, created_at);
