-- The last applied state of each Stripe subscription. Stripe may deliver a
-- subscription's events late and out of order: an event older than the one
-- applied (by its `created` time) is ignored, and a deleted subscription
-- never comes back.
CREATE TABLE stripe_subscriptions (
    id         text PRIMARY KEY,
    status     text NOT NULL,
    ended      boolean NOT NULL DEFAULT false,
    event_at   timestamptz NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
