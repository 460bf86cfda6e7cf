-- Emailed single-use sign-in links for owners of throttled accounts, and a
-- note of when each address was last told of failed sign-in attempts (at
-- most once a day).
ALTER TABLE user_tokens DROP CONSTRAINT user_tokens_purpose_check;
ALTER TABLE user_tokens ADD CONSTRAINT user_tokens_purpose_check
    CHECK (purpose IN ('verify_email', 'reset_password', 'change_email', 'sign_in'));

CREATE TABLE login_alerts (
    email   text PRIMARY KEY,
    sent_at timestamptz NOT NULL
);
