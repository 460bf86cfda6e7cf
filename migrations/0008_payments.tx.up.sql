ALTER TABLE users
    ADD COLUMN stripe_customer_id text UNIQUE,
    ADD COLUMN pro_subscription_id text;

-- One row per purchase. The amount is the server's price at the time.
CREATE TABLE orders (
    id                       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind                     text NOT NULL CHECK (kind IN ('posting', 'renewal', 'upgrade', 'pro')),
    plan                     text NOT NULL DEFAULT '',
    job_id                   bigint REFERENCES jobs (id) ON DELETE SET NULL,
    company_id               bigint REFERENCES companies (id) ON DELETE SET NULL,
    buyer_id                 bigint REFERENCES users (id) ON DELETE SET NULL,
    amount_cents             bigint NOT NULL CHECK (amount_cents >= 0),
    currency                 text NOT NULL DEFAULT 'usd',
    status                   text NOT NULL DEFAULT 'pending'
                               CHECK (status IN ('pending', 'paid', 'refunded', 'expired', 'failed')),
    stripe_session_id        text UNIQUE,
    stripe_payment_intent_id text,
    stripe_subscription_id   text,
    receipt_url              text NOT NULL DEFAULT '',
    disputed_at              timestamptz,
    paid_at                  timestamptz,
    refunded_at              timestamptz,
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_job_idx ON orders (job_id);
CREATE INDEX orders_company_idx ON orders (company_id, created_at DESC);
CREATE INDEX orders_payment_intent_idx ON orders (stripe_payment_intent_id);

-- Every Stripe event handled, recorded in the same transaction as its effect,
-- so a redelivered event changes nothing.
CREATE TABLE stripe_events (
    id          text PRIMARY KEY,
    type        text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);
