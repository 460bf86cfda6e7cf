-- Accounts at sign-in providers (Google, GitHub, LinkedIn, an OpenID Connect
-- issuer) linked to a CareerCenter account. The provider's subject is its
-- stable id for the person; the email is what it said last, kept to show on
-- the account page.
CREATE TABLE identities (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    provider       text NOT NULL,
    subject        text NOT NULL,
    email          citext NOT NULL DEFAULT '',
    email_verified boolean NOT NULL DEFAULT false,
    user_id        bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (provider, subject)
);
CREATE INDEX identities_user_idx ON identities (user_id);
