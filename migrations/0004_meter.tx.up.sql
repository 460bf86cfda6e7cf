ALTER TABLE users ADD COLUMN plan text NOT NULL DEFAULT 'free' CHECK (plan IN ('free', 'pro'));

-- One row per metered page a viewer opened in a period (calendar month, UTC).
-- viewer is 'u:<user id>' or 'g:<guest cookie id>'. Guest rows also carry a
-- keyed hash of the client address, so a guest who clears cookies still finds
-- the address's view spent; rows moved to an account on sign-up keep it.
CREATE TABLE meter_views (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    period     date NOT NULL,
    viewer     text NOT NULL,
    ip_hash    bytea,
    kind       text NOT NULL CHECK (kind IN ('code', 'candidate')),
    item       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (period, viewer, kind, item)
);
CREATE INDEX meter_views_ip_idx ON meter_views (period, ip_hash) WHERE ip_hash IS NOT NULL;
